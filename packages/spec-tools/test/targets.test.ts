// The generated folders are declared once, in REPO_TARGETS and SEED_TARGETS (repo.ts). Turbo's cache, the
// linter's settings and the regenerate workflow's allow-list each name them again in their own format;
// each is checked here against that one declaration, so a folder added or moved fails the suite until
// every list agrees.
import { readdir, readFile } from "node:fs/promises";
import { join, posix } from "node:path";
import {
  findRepoRoot,
  MAX_FORMATTED_BYTES,
  REPO_TARGETS,
  RESPONSE_INDEX_FILE,
  SEED_TARGETS,
} from "@ango-hub/codegen";
import { expect, test } from "vitest";

const root = findRepoRoot();
const text = (path: string) => readFile(join(root, path), "utf8");

/** The folder named `generated` that holds a generated path. */
const folderOf = (path: string) => path.slice(0, path.indexOf("/generated") + "/generated".length);
const specFolders = [...new Set(Object.values(REPO_TARGETS.outputs).map(folderOf))].sort();
const seedFolders = [
  ...new Set(SEED_TARGETS.fixtures.flatMap((f) => Object.values(f.outputs) as string[]).map(folderOf)),
].sort();

test("every generated path lies in a folder named generated", () => {
  for (const path of [...Object.values(REPO_TARGETS.outputs), ...seedFolders])
    expect(path, path).toMatch(/^packages\/[a-z-]+\/(src|test)\/generated(\/|$)/);
  expect(specFolders.length).toBeGreaterThan(0);
});

test("turbo's generate task restores exactly the generated folders from its cache", async () => {
  const turbo = JSON.parse(await text("turbo.json"));
  const outputs: string[] = turbo.tasks.generate.outputs;
  expect([...outputs].sort()).toEqual(
    [...specFolders, ...seedFolders].map((folder) => `$TURBO_ROOT$/${folder}/**`).sort(),
  );
});

test("the regenerate workflow stages and accepts the spec's generated folders, and no other", async () => {
  const workflow = await text(".github/workflows/regenerate.yml");
  const allowed = new RegExp(/allowed='([^']+)'/.exec(workflow)?.[1] ?? "^$");
  for (const folder of specFolders) expect(allowed.test(`${folder}/file.ts`), folder).toBe(true);
  // The seed's fixtures never change with the vendor's document.
  for (const folder of seedFolders) expect(allowed.test(`${folder}/file.ts`), folder).toBe(false);
  const staged = /git add -A -- (.+)$/m.exec(workflow)?.[1]?.split(" ") ?? [];
  expect(staged.filter((path) => path.includes("/generated")).sort()).toEqual(specFolders);
});

test("the linter's settings for generated code name only generated folders, the seed's all of them", async () => {
  const biome = JSON.parse(await text("biome.json"));
  const globs: string[] = biome.overrides.flatMap((o: { includes?: string[] }) => o.includes ?? []);
  const generatedGlobs = globs.filter((glob) => glob.includes("/generated"));
  for (const glob of generatedGlobs) {
    const folder = folderOf(glob.replace(/\*\*$/, "x"));
    const known = [...specFolders, ...seedFolders].some(
      (f) => f === folder || new RegExp(`^${folder.replaceAll("*", "[^/]+")}$`).test(f),
    );
    expect(known, glob).toBe(true);
  }
  for (const folder of seedFolders)
    expect(
      generatedGlobs.some((glob) => new RegExp(`^${glob.replaceAll("*", "[^/]*")}`).test(`${folder}/x.ts`)),
      folder,
    ).toBe(true);
});

test("the linter checks a generated file as large as the codegen formats, whatever the document's size", async () => {
  // Biome's default (1 MiB) skipped Stripe's 5.6 MiB of MCP tools with a warning, failing `pnpm lint:repo`.
  const biome = JSON.parse(await text("biome.json"));
  expect(biome.files.maxSize).toBe(MAX_FORMATTED_BYTES);
});

test("hand-written sources reach generated code only through each entry point's one module", async () => {
  const { outputs } = REPO_TARGETS;
  // The client's public and internal barrels and the plans' index (the validation entry point's); the
  // CLI's commands, the mock's document and the MCP server's tools, each its package's one generated module.
  const gateways = new Set<string>([
    outputs.publicBarrel,
    outputs.internalBarrel,
    `${outputs.responses}/${RESPONSE_INDEX_FILE}.ts`,
    outputs.commands,
    outputs.document,
    outputs.tools,
  ]);
  const crossings: string[] = [];
  for (const pkg of await readdir(join(root, "packages"))) {
    const src = `packages/${pkg}/src`;
    const files = await readdir(join(root, src), { recursive: true }).catch(() => [] as string[]);
    for (const file of files) {
      if (!file.endsWith(".ts") || file.startsWith("generated")) continue;
      const path = posix.join(src, file);
      for (const [, specifier] of (await text(path)).matchAll(/(?:from|import\()\s*"(\.[^"]+)"/g)) {
        const target = posix.join(posix.dirname(path), specifier as string).replace(/\.js$/, ".ts");
        if (target.includes("/generated/")) crossings.push(`${path} -> ${target}`);
      }
    }
  }
  expect(crossings.length).toBeGreaterThan(0);
  for (const crossing of crossings)
    expect(gateways.has(crossing.split(" -> ")[1] as string), crossing).toBe(true);
});
