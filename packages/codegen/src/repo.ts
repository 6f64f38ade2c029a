import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkDocumentSize } from "./document-checks.js";
import { type GeneratedFile, generateWithNotices } from "./generate.js";
import type { ModelNotice } from "./model.js";

/** The spec and the generated files of this repository; `pnpm generate` writes exactly these. */
export const REPO_TARGETS = {
  spec: "spec/ango-hub-v2.openapi.json",
  /** What the spec cannot say (e.g. when a POST is safe to repeat); read by the codegen, never by spec:update. */
  overrides: "spec/ango-hub-v2.overrides.json",
  outputs: {
    types: "packages/types/src/generated/index.d.ts",
    operations: "packages/client/src/generated/operations.ts",
    publicOperations: "packages/client/src/generated/public.ts",
    servers: "packages/client/src/generated/servers.ts",
    document: "packages/testing/src/generated/openapi-document.ts",
    responses: "packages/client/src/generated/responses",
    commands: "packages/cli/src/generated/commands.ts",
  },
  typesModule: "@ango-hub/types",
  runtimeDir: "..",
} as const;

/** Folders only the codegen writes: a file there that it no longer produces is stale and removed. */
export const REPO_OWNED_DIRS: readonly string[] = [REPO_TARGETS.outputs.responses];

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

/** Reads the committed spec, within the document size limit. */
export async function readRepoSpec(root: string): Promise<unknown> {
  const text = await readFile(join(root, REPO_TARGETS.spec), "utf8");
  checkDocumentSize(Buffer.byteLength(text), REPO_TARGETS.spec);
  return JSON.parse(text);
}

/** Everything generated from `spec` (default: the committed one), in memory; nothing is written. */
export async function generateRepoWithNotices(
  root = findRepoRoot(),
  spec?: unknown,
): Promise<{ files: GeneratedFile[]; notices: ModelNotice[] }> {
  const overridesPath = join(root, REPO_TARGETS.overrides);
  const overrides = existsSync(overridesPath) ? JSON.parse(await readFile(overridesPath, "utf8")) : undefined;
  return generateWithNotices({
    spec: (spec ?? (await readRepoSpec(root))) as object,
    specLabel: REPO_TARGETS.spec,
    outputs: REPO_TARGETS.outputs,
    typesModule: REPO_TARGETS.typesModule,
    runtimeDir: REPO_TARGETS.runtimeDir,
    overrides,
    formatterConfig: await formatterConfig(root),
  });
}

/** What a set of repository files held before a write: `undefined` for a file that did not exist. */
export type FileSnapshot = Map<string, string | undefined>;

/**
 * Writes every file or none: each is written beside its target and renamed over it only when all are
 * written, and files in `ownedDirs` that are not among them are removed; if anything fails, the targets
 * get back what they held. Returns what they held before (restoreFiles puts it back).
 */
export async function writeFiles(
  root: string,
  files: GeneratedFile[],
  ownedDirs: readonly string[] = [],
): Promise<FileSnapshot> {
  const before: FileSnapshot = new Map();
  const stale = await staleFiles(root, files, ownedDirs);
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
export async function findDrift(
  root: string,
  files: GeneratedFile[],
  ownedDirs: readonly string[] = [],
): Promise<string[]> {
  const drifted: string[] = await staleFiles(root, files, ownedDirs);
  for (const file of files) {
    const current = await readFile(join(root, file.path), "utf8").catch(() => undefined);
    if (current !== file.contents) drifted.push(file.path);
  }
  return drifted;
}

export function driftMessage(drifted: string[]): string {
  return `Generated files are out of date with ${REPO_TARGETS.spec}:\n${drifted.map((f) => `  - ${f}`).join("\n")}\nRun \`pnpm generate\` and commit the result (never edit files under generated/ by hand).`;
}
