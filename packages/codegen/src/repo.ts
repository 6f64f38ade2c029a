import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DocumentFormat } from "@ango-hub/openapi-reader/document-text";
import { readDocumentFile, readDocumentText } from "./document-checks.js";
import { type GeneratedFile, generateWithNotices } from "./generate.js";
import { type ModelNotice, SpecError } from "./model.js";

/** The spec and the generated files of this repository; `pnpm generate` writes exactly these. */
export const REPO_TARGETS = {
  /** The vendor's document, kept in the format it is served in: one of these two exists. */
  spec: "spec/ango-hub-v2.openapi.json",
  specYaml: "spec/ango-hub-v2.openapi.yaml",
  /** What the spec cannot say (e.g. when a POST is safe to repeat); read by the codegen, never by spec:update. */
  overrides: "spec/ango-hub-v2.overrides.json",
  outputs: {
    types: "packages/types/src/generated/index.d.ts",
    operations: "packages/client/src/generated/operations.ts",
    publicBarrel: "packages/client/src/generated/index.ts",
    internalBarrel: "packages/client/src/generated/internal.ts",
    servers: "packages/client/src/generated/servers.ts",
    document: "packages/testing/src/generated/openapi-document.ts",
    responses: "packages/client/src/generated/responses",
    commands: "packages/cli/src/generated/commands.ts",
    tools: "packages/mcp/src/generated/tools.ts",
    toolList: "packages/mcp/src/generated/TOOLS.md",
  },
  typesModule: "@ango-hub/types",
  runtimeDir: "..",
} as const;

/**
 * The frozen seed document's generated client, a test fixture: the client's rule tests call its one
 * operation, so they hold whatever document spec/ holds. Generated with the rest, never by spec:update's
 * document.
 */
export const SEED_TARGETS = {
  spec: "tests/support/seed.openapi.json",
  overrides: "tests/support/seed.overrides.json",
  /**
   * Each package's fixture: the client's imports the runtime's source; the CLI's and the mock's import
   * the published contract (`@ango-hub/client/contract`).
   */
  fixtures: [
    {
      outputs: {
        types: "packages/client/test/generated/types.d.ts",
        operations: "packages/client/test/generated/operations.ts",
        servers: "packages/client/test/generated/servers.ts",
        responses: "packages/client/test/generated/responses",
      },
      typesModule: "./types.js",
      runtimeDir: "../../src",
    },
    {
      outputs: {
        types: "packages/cli/test/generated/types.d.ts",
        operations: "packages/cli/test/generated/operations.ts",
        commands: "packages/cli/test/generated/commands.ts",
        servers: "packages/cli/test/generated/servers.ts",
        document: "packages/cli/test/generated/openapi-document.ts",
      },
      typesModule: "./types.js",
      runtimeDir: "",
      runtimeModule: "@ango-hub/client/contract",
      cliDir: "../../src",
    },
    { outputs: { types: "packages/types/test/generated/index.d.ts" }, typesModule: "", runtimeDir: "" },
    {
      outputs: {
        types: "packages/mcp/test/generated/types.d.ts",
        operations: "packages/mcp/test/generated/operations.ts",
        servers: "packages/mcp/test/generated/servers.ts",
        document: "packages/mcp/test/generated/openapi-document.ts",
        tools: "packages/mcp/test/generated/tools.ts",
      },
      typesModule: "./types.js",
      runtimeDir: "",
      runtimeModule: "@ango-hub/client/contract",
      mcpDir: "../../src",
    },
    {
      outputs: {
        types: "packages/testing/test/generated/types.d.ts",
        operations: "packages/testing/test/generated/operations.ts",
        servers: "packages/testing/test/generated/servers.ts",
        document: "packages/testing/test/generated/openapi-document.ts",
      },
      typesModule: "./types.js",
      runtimeDir: "",
      runtimeModule: "@ango-hub/client/contract",
    },
  ],
} as const;

/** Folders only the codegen writes: a file there that it no longer produces is stale and removed. */
export const REPO_OWNED_DIRS: readonly string[] = [
  REPO_TARGETS.outputs.responses,
  SEED_TARGETS.fixtures[0].outputs.responses,
];

/** Files under `dirs` (one level, by repository path) that `files` does not include. */
async function staleFiles(root: string, files: GeneratedFile[], dirs: readonly string[]): Promise<string[]> {
  const wanted = new Set(files.map((file) => file.path));
  const stale: string[] = [];
  for (const dir of dirs) {
    const entries = await readdir(join(root, dir), { withFileTypes: true }).catch(() => []);
    for (const entry of entries)
      if (entry.isFile() && !wanted.has(`${dir}/${entry.name}`)) stale.push(`${dir}/${entry.name}`);
  }
  return stale.sort();
}

export function findRepoRoot(start = dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No pnpm-workspace.yaml above ${start}.`);
    dir = parent;
  }
  return dir;
}

async function formatterConfig(root: string): Promise<object> {
  const biome = JSON.parse(await readFile(join(root, "biome.json"), "utf8"));
  return { formatter: biome.formatter, javascript: biome.javascript };
}

export async function generateRepo(root = findRepoRoot()): Promise<GeneratedFile[]> {
  return (await generateRepoWithNotices(root)).files;
}

/** The spec file's path for a document of `format`. */
export function specFileFor(format: DocumentFormat): string {
  return format === "yaml" ? REPO_TARGETS.specYaml : REPO_TARGETS.spec;
}

/** The committed spec's path (JSON or YAML, whichever is there); an error when there are both or none. */
export function repoSpecFile(root: string): string {
  const present = [REPO_TARGETS.spec, REPO_TARGETS.specYaml].filter((path) => existsSync(join(root, path)));
  if (present.length !== 1)
    throw new SpecError(
      present.length === 0
        ? `No spec: put the vendor's document at ${REPO_TARGETS.spec} (or ${REPO_TARGETS.specYaml}).`
        : `Two specs (${present.join(", ")}): keep the one in the format the vendor serves.`,
    );
  return present[0] as string;
}

/** Reads the committed spec (JSON or YAML, read the same way), within the document limits. */
export async function readRepoSpec(root: string): Promise<unknown> {
  const file = repoSpecFile(root);
  return readDocumentText(await readDocumentFile(join(root, file), file), file);
}

async function readOverridesFile(root: string, path: string): Promise<unknown> {
  const file = join(root, path);
  return existsSync(file) ? JSON.parse(await readFile(file, "utf8")) : undefined;
}

/**
 * Everything generated from `spec` (default: the committed one), and the seed's fixtures (SEED_TARGETS),
 * in memory; nothing is written.
 */
export async function generateRepoWithNotices(
  root = findRepoRoot(),
  spec?: unknown,
  specLabel?: string,
): Promise<{ files: GeneratedFile[]; notices: ModelNotice[] }> {
  const formatter = await formatterConfig(root);
  const fromSpec = await generateWithNotices({
    spec: (spec ?? (await readRepoSpec(root))) as object,
    specLabel: specLabel ?? repoSpecFile(root),
    outputs: REPO_TARGETS.outputs,
    typesModule: REPO_TARGETS.typesModule,
    runtimeDir: REPO_TARGETS.runtimeDir,
    overrides: await readOverridesFile(root, REPO_TARGETS.overrides),
    formatterConfig: formatter,
  });
  const files = [...fromSpec.files];
  // A repository without the frozen seed (a copy holding only the spec) has no fixtures to generate.
  if (!existsSync(join(root, SEED_TARGETS.spec))) return { files, notices: fromSpec.notices };
  const seedSpec = await readFile(join(root, SEED_TARGETS.spec), "utf8");
  const seedOverrides = await readOverridesFile(root, SEED_TARGETS.overrides);
  for (const fixture of SEED_TARGETS.fixtures) {
    const seed = await generateWithNotices({
      ...fixture,
      spec: JSON.parse(seedSpec),
      specLabel: SEED_TARGETS.spec,
      overrides: seedOverrides,
      formatterConfig: formatter,
    });
    files.push(...seed.files);
  }
  return { files, notices: fromSpec.notices };
}

/** What a set of repository files held before a write: `undefined` for a file that did not exist. */
export type FileSnapshot = Map<string, string | undefined>;

/**
 * Writes every file or none: each is written beside its target and renamed over it only when all are
 * written, and files in `ownedDirs` that are not among them are removed, as are the `removed` ones; if anything fails, the targets
 * get back what they held. Returns what they held before (restoreFiles puts it back).
 */
export async function writeFiles(
  root: string,
  files: GeneratedFile[],
  ownedDirs: readonly string[] = [],
  removed: readonly string[] = [],
): Promise<FileSnapshot> {
  const before: FileSnapshot = new Map();
  const stale = [...(await staleFiles(root, files, ownedDirs)), ...removed];
  for (const path of [...files.map((file) => file.path), ...stale])
    before.set(path, await readFile(join(root, path), "utf8").catch(() => undefined));
  const suffix = `.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    for (const file of files) {
      const target = join(root, file.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target + suffix, file.contents);
    }
    for (const file of files) await rename(join(root, file.path) + suffix, join(root, file.path));
    for (const path of stale) await rm(join(root, path), { force: true });
  } catch (error) {
    await restoreFiles(root, before);
    throw error;
  } finally {
    for (const file of files) await rm(join(root, file.path) + suffix, { force: true });
  }
  return before;
}

/** Puts back what writeFiles found: old contents rewritten, files it created removed. */
export async function restoreFiles(root: string, snapshot: FileSnapshot): Promise<void> {
  for (const [path, contents] of snapshot) {
    if (contents === undefined) await rm(join(root, path), { force: true });
    else await writeFile(join(root, path), contents);
  }
}

/** Files whose committed contents differ from what the spec produces (missing and stale files count). */
export async function findOutdatedFiles(
  root: string,
  files: GeneratedFile[],
  ownedDirs: readonly string[] = [],
): Promise<string[]> {
  const outdated: string[] = await staleFiles(root, files, ownedDirs);
  for (const file of files) {
    const current = await readFile(join(root, file.path), "utf8").catch(() => undefined);
    if (current !== file.contents) outdated.push(file.path);
  }
  return outdated;
}

export function outdatedMessage(outdated: string[]): string {
  return `Generated files are out of date with the spec (spec/):\n${outdated.map((f) => `  - ${f}`).join("\n")}\nRun \`pnpm generate\` and commit the result (never edit files under generated/ by hand).`;
}
