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

/** Turbo's dry run of `turbo run <args>`: each task with the files it hashes. */
function dryRun(args: string[]): { taskId: string; inputs: Record<string, string> }[] {
  const output = execFileSync(join(root, "node_modules", ".bin", "turbo"), ["run", ...args, "--dry=json"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
    maxBuffer: 1 << 28,
  });
  return (JSON.parse(output) as { tasks: { taskId: string; inputs: Record<string, string> }[] }).tasks;
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
  const [task] = dryRun(["test:node-versions"]).filter((t) => t.taskId === "//#test:node-versions") as {
    dependencies?: string[];
    inputs: Record<string, string>;
  }[];
  const builds = published.filter((p) => p.scripts.build).map((p) => `${p.name}#build`);
  expect(builds.length).toBeGreaterThan(1);
  expect(builds.filter((build) => !task?.dependencies?.includes(build))).toEqual([]);
  const hashed = Object.keys(task?.inputs ?? {});
  expect(
    published.filter(({ dir }) => !hashed.some((path) => path.startsWith(`packages/${dir}/src/`))),
  ).toEqual([]);
});

/** The workspace packages the codegen's source imports, as values (loaded at run time) and for types alone. */
async function codegenImports(): Promise<{ values: Set<string>; types: Set<string> }> {
  const src = join(packageDir, "src");
  const values = new Set<string>();
  const types = new Set<string>();
  for (const file of await readdir(src, { recursive: true })) {
    if (!file.endsWith(".ts")) continue;
    const text = await readFile(join(src, file), "utf8");
    for (const match of text.matchAll(/^(import|export)\s+(type\s)?[^;]*?from\s+"(@ango-hub\/[^/"]+)/gms))
      (match[2] ? types : values).add(match[3] as string);
  }
  return { values, types };
}

test("the codegen's build waits only on what its source loads at run time, and on all of it", async () => {
  // The codegen has no build: dependents run its source. Its `build` task (packages/codegen/turbo.json)
  // depends on the workspace packages that source imports as values; the client, CLI and MCP are imported
  // for their types alone, so an edit to them reruns the codegen's own tests and type-check (they depend on
  // those builds) but not the spec tools' tests. A value import left out of dependsOn would let a change
  // to that package skip its dependents' runs on a warm cache.
  const config = JSON.parse(await readFile(join(packageDir, "turbo.json"), "utf8")) as {
    tasks: { build?: { dependsOn?: string[] } };
  };
  const declared = (config.tasks.build?.dependsOn ?? []).map((task) => task.replace(/#build$/, ""));
  const { values } = await codegenImports();
  expect(values.size).toBeGreaterThan(0);
  expect([...values].sort()).toEqual([...declared].sort());
  const [build] = dryRun(["build", "--filter=@ango-hub/codegen"]).filter(
    (t) => t.taskId === "@ango-hub/codegen#build",
  ) as { dependencies?: string[] }[];
  expect(build?.dependencies).not.toContain("@ango-hub/client#build");
});

test("every type-check of the codegen's source waits for the declarations it imports types from", async () => {
  // A package that depends on the codegen type-checks its source, whose type-only imports need those
  // packages' built declarations: its typecheck must wait for their builds (packages/spec-tools/turbo.json),
  // as the codegen's build no longer brings them along. A fresh clone's spec tools failed without it.
  const { types } = await codegenImports();
  const built = publishedPackages(root).filter((p) => p.scripts.build && types.has(p.name));
  expect(built.length).toBeGreaterThan(0);
  const typechecks = dryRun(["typecheck"]).filter((t) => t.taskId.endsWith("#typecheck")) as {
    taskId: string;
    dependencies?: string[];
  }[];
  const dependents = typechecks.filter((t) => t.dependencies?.includes("@ango-hub/codegen#build"));
  expect(dependents.length).toBeGreaterThan(0);
  const missing = dependents.flatMap((t) =>
    built
      .map((p) => `${p.name}#build`)
      .filter((build) => !t.dependencies?.includes(build))
      .map((build) => `${t.taskId} needs ${build}`),
  );
  expect(missing).toEqual([]);
});
