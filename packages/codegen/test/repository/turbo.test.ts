import { execFileSync } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { publishedPackages } from "@ango-hub/test-support/published";
import { expect, test } from "vitest";
import { findRepoRoot, REPO_OWNED_DIRS, REPO_TARGETS, repoSpecFile, SEED_TARGETS } from "../../src/index.js";

// The outdated-files check must run again when a generated file or the runtime contract changes: CI restores
// turbo's cache, so an input left out would let a hand edit to a generated file ship on a warm cache.
const root = findRepoRoot();
const packageDir = join(root, "packages", "codegen");

/** A task of turbo's dry run: the files it hashes, the tasks it waits for, its package's folder. */
interface DryTask {
  taskId: string;
  inputs: Record<string, string>;
  /** `<NONEXISTENT>` where the package has no such script. */
  command: string;
  directory: string;
  dependencies: string[];
}

/** Turbo's dry run of `turbo run <args>`. */
function dryRun(args: string[]): DryTask[] {
  const output = execFileSync(join(root, "node_modules", ".bin", "turbo"), ["run", ...args, "--dry=json"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
    maxBuffer: 1 << 28,
  });
  return (JSON.parse(output) as { tasks: DryTask[] }).tasks;
}

/** The files turbo hashes for the codegen's `task`, relative to the package. */
function taskInputs(task: string): string[] {
  const tasks = dryRun([task, "--filter=@ango-hub/codegen"]);
  return Object.keys(tasks.find((t) => t.taskId === `@ango-hub/codegen#${task}`)?.inputs ?? {});
}

test("the codegen's test task hashes every generated file and the runtime contract", () => {
  const inputs = taskInputs("test");
  const wanted = [
    ...[REPO_TARGETS.outputs, ...SEED_TARGETS.fixtures.map((fixture) => fixture.outputs)]
      .flatMap((outputs) => Object.values(outputs) as string[])
      .filter((path) => !REPO_OWNED_DIRS.includes(path)),
    SEED_TARGETS.spec,
    SEED_TARGETS.overrides,
    // The spec as the vendor serves it (JSON or YAML), whichever spec/ holds.
    repoSpecFile(root),
    REPO_TARGETS.overrides,
    "packages/client/src/contract.ts",
    "packages/client/src/operation.ts",
    "packages/client/src/params.ts",
    "packages/client/src/validation/plan.ts",
    "packages/cli/src/command-spec.ts",
  ].map((path) => relative(packageDir, join(root, path)));
  expect(wanted.filter((path) => !inputs.includes(path))).toEqual([]);
  // A folder the codegen owns: every file in it is an input (turbo lists files, not folders).
  for (const dir of REPO_OWNED_DIRS) {
    const prefix = `${relative(packageDir, join(root, dir))}/`;
    expect(
      inputs.some((path) => path.startsWith(prefix)),
      dir,
    ).toBe(true);
  }
});

test("the generate task hashes the documents it generates from: the spec and the frozen seed", () => {
  const inputs = taskInputs("generate");
  const wanted = [SEED_TARGETS.spec, SEED_TARGETS.overrides, repoSpecFile(root), REPO_TARGETS.overrides].map(
    (path) => relative(packageDir, join(root, path)),
  );
  // A cache hit would otherwise restore fixtures generated from an older seed.
  expect(wanted.filter((path) => !inputs.includes(path))).toEqual([]);
});

test("no task of the whole suite hashes what a run writes (installed packages, turbo's logs, test reports)", async () => {
  // A glob that reaches such a file (`spec/**` through spec/node_modules' links to workspace packages did)
  // makes the next run miss the cache, so a warm `pnpm test` reran tasks nothing had changed.
  const manifest = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  // `turbo run <task>... --flags`: the task names.
  const words = (manifest.scripts["test:all"] ?? "").split(" ");
  const tasks = words.slice(2).filter((word) => !word.startsWith("-"));
  expect(words.slice(0, 2)).toEqual(["turbo", "run"]);
  expect(tasks).toContain("test");
  const planned = dryRun(tasks);
  const written = planned.flatMap((task) =>
    Object.keys(task.inputs)
      .filter((path) => /(^|\/)(node_modules|\.turbo|\.test-report)\//.test(path))
      .map((path) => `${task.taskId}: ${path}`),
  );
  expect(planned.length).toBeGreaterThan(10);
  expect(written.slice(0, 5)).toEqual([]);
});

test("the runs on other Node versions wait for the build of every published package they pack, and hash it", () => {
  // Their consumer tests pack every public package (scripts/pack.sh, builds skipped): a package left out
  // would be packed from whatever dist/ held, or from none in a fresh clone, if its build had not run yet.
  const published = publishedPackages(root);
  const task = dryRun(["test:node-versions"]).find((t) => t.taskId === "//#test:node-versions");
  const builds = published.filter((p) => p.scripts.build).map((p) => `${p.name}#build`);
  expect(builds.length).toBeGreaterThan(1);
  expect(builds.filter((build) => !task?.dependencies.includes(build))).toEqual([]);
  const hashed = Object.keys(task?.inputs ?? {});
  expect(
    published.filter(({ dir }) => !hashed.some((path) => path.startsWith(`packages/${dir}/src/`))),
  ).toEqual([]);
});

/** The workspace packages a package's source imports (itself left out), as values and for types alone. */
async function sourceImports(dir: string): Promise<{ values: Set<string>; types: Set<string> }> {
  const src = join(root, dir, "src");
  const self = (JSON.parse(await readFile(join(root, dir, "package.json"), "utf8")) as { name: string }).name;
  const values = new Set<string>();
  const types = new Set<string>();
  for (const file of await readdir(src, { recursive: true })) {
    if (!file.endsWith(".ts")) continue;
    const text = await readFile(join(src, file), "utf8");
    for (const match of text.matchAll(/^(import|export)\s+(type\s)?[^;]*?from\s+"(@ango-hub\/[^/"]+)/gms))
      if (match[3] !== self) (match[2] ? types : values).add(match[3] as string);
  }
  // A name imported both ways is loaded at run time.
  for (const name of values) types.delete(name);
  return { values, types };
}

const codegenImports = () => sourceImports("packages/codegen");

test("every build waits for the builds of what its source imports, and for nothing else", async () => {
  // Turbo's `^build` waits for every dependency, devDependencies included: the mock's build waited for the
  // client's (a test dependency), and the CLI's and MCP server's for the mock's, so a client edit rebuilt
  // the mock and held the CLI and MCP builds behind it. Each package's turbo.json lists what its source
  // imports instead. A package built with declarations (tsup, dts) needs the builds of what it imports for
  // types too; the codegen has no build (dependents run its source), so its `build` task waits only for
  // what its source loads at run time. A package left out would let an edit to it skip its dependents'
  // builds on a warm cache; one too many makes edits rebuild what they cannot change.
  const builds = dryRun(["build"]);
  const checked = builds.filter(
    (t) => t.command !== "<NONEXISTENT>" || t.taskId === "@ango-hub/codegen#build",
  );
  expect(checked.map((t) => t.taskId)).toEqual(
    expect.arrayContaining(["@ango-hub/client#build", "@ango-hub/codegen#build", "@ango-hub/testing#build"]),
  );
  const wrong: string[] = [];
  for (const task of checked) {
    const { values, types } = await sourceImports(task.directory);
    const needed = task.command === "<NONEXISTENT>" ? values : new Set([...values, ...types]);
    const expected = [...needed].map((name) => `${name}#build`).sort();
    const actual = [...task.dependencies].sort();
    if (JSON.stringify(actual) !== JSON.stringify(expected))
      wrong.push(
        `${task.taskId} waits for [${actual.join(", ")}], its source imports [${expected.join(", ")}]`,
      );
  }
  expect(wrong).toEqual([]);
  // The change this rule is for: a client edit rebuilds neither the mock nor the codegen.
  const waitsFor = (id: string) => builds.find((t) => t.taskId === id)?.dependencies ?? [];
  expect(waitsFor("@ango-hub/testing#build")).not.toContain("@ango-hub/client#build");
  expect(waitsFor("@ango-hub/codegen#build")).not.toContain("@ango-hub/client#build");
});

test("every type-check of the codegen's source waits for the declarations it imports types from", async () => {
  // A package that depends on the codegen type-checks its source, whose type-only imports need those
  // packages' built declarations: its typecheck must wait for their builds (packages/spec-tools/turbo.json),
  // as the codegen's build no longer brings them along. A fresh clone's spec tools failed without it.
  const { types } = await codegenImports();
  const built = publishedPackages(root).filter((p) => p.scripts.build && types.has(p.name));
  expect(built.length).toBeGreaterThan(0);
  const typechecks = dryRun(["typecheck"]).filter((t) => t.taskId.endsWith("#typecheck"));
  const dependents = typechecks.filter((t) => t.dependencies.includes("@ango-hub/codegen#build"));
  expect(dependents.length).toBeGreaterThan(0);
  const missing = dependents.flatMap((t) =>
    built
      .map((p) => `${p.name}#build`)
      .filter((build) => !t.dependencies.includes(build))
      .map((build) => `${t.taskId} needs ${build}`),
  );
  expect(missing).toEqual([]);
});
