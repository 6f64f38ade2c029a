// The regenerate workflow's `update` job, rehearsed with the vendor's API as its SDK and docs describe it
// (test/fixtures/ango-vendor.additions.json grown into the frozen seed): in a fresh clone of this
// repository's HEAD, the job's steps: install from the lockfile, `pnpm spec:update FILE --skip-checks`,
// the spec lint, then UPDATE_CHECK_TASKS (build, typecheck, test, test:environments) on the new document,
// of every package but those of ENVIRONMENT_TESTS and DOCUMENT_INDEPENDENT, and the codegen's tests of
// this repository's own files (REPOSITORY_TESTS). Then the patch is held to the workflow's own
// allow-list, and the clone's contract tests' report is read back to show every operation called through
// the client against the mock.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { findRepoRoot, readRepoSpec } from "@ango-hub/codegen";
import { bumpFor, diffSpecs, UPDATE_CHECK_TASKS } from "@ango-hub/spec-tools";
import { afterAll, beforeAll, expect, test } from "vitest";
import { angoSpec, grow, type Json } from "../test/support/corpus.js";

const repo = findRepoRoot();
const additions = JSON.parse(
  await readFile(new URL("../test/fixtures/ango-vendor.additions.json", import.meta.url), "utf8"),
);
const vendorDocument = grow(angoSpec, additions);
/**
 * The bump the update must report: the spec diff's, from the document spec/ holds to the vendor's. On the
 * seed (the vendor's operations added to it, nothing taken away) that is a minor one, whatever the diff
 * says; another document in spec/ (one the regenerate workflow took) may lose operations, a major one,
 * or be the vendor's already, and no changeset is written.
 */
const currentSpec = await readRepoSpec(repo);
const expectedBump = isDeepStrictEqual(currentSpec, angoSpec)
  ? "minor"
  : bumpFor(diffSpecs(currentSpec, vendorDocument));
const vendorOperationIds = Object.values(vendorDocument.paths as Json).flatMap((item) =>
  Object.values(item as Json)
    .map((operation) => (operation as Json)?.operationId)
    .filter((id): id is string => typeof id === "string"),
);

/**
 * Left out of the clone's run (of the `test:environments` task, the consumer tests stay): they test where
 * the packed packages install and run (a registry, a browser, Bun, Deno and workerd), not what a document
 * changes; the call they make is the one the consumer test makes too (corpus-tests' exampleCall), and the
 * clone runs that.
 */
const ENVIRONMENT_TESTS = [
  "@ango-hub/registry-tests",
  "@ango-hub/browser-tests",
  "@ango-hub/ecosystem-tests",
];

/**
 * Also left out: packages whose tests and type-check never read the document in spec/ nor code generated
 * from it (the spec tools work on scratch repositories made from the frozen seed, and check the
 * workflows; the reader's tests use documents of their own; the test helpers' test runs a README of
 * theirs; the codegen's generate from documents of their own, but for REPOSITORY_TESTS), so the new
 * document cannot change what they find; the outer suite runs them on the same code. They have no build:
 * their dependents run them from source.
 */
const DOCUMENT_INDEPENDENT = [
  "@ango-hub/spec-tools",
  "@ango-hub/openapi-reader",
  "@ango-hub/test-support",
  "@ango-hub/codegen",
];

/**
 * The codegen's tests that read this repository's document and files (its generated files are what the
 * spec produces, byte for byte and on a rerun; turbo hashes the spec as spec/ holds it): a folder of
 * their own, run in the clone by itself.
 */
const REPOSITORY_TESTS = { filter: "@ango-hub/codegen", dir: "test/repository" };

let clone: string;
let update: ReturnType<typeof spawnSync>;
let lint: ReturnType<typeof spawnSync>;
let checks: ReturnType<typeof spawnSync>;
let repositoryChecks: ReturnType<typeof spawnSync>;

/**
 * The environment a fresh shell would give the clone: this run's turbo and pnpm variables and the
 * outer workspace's `node_modules/.bin` folders removed (the clone has its own), pnpm kept on the PATH.
 */
function freshEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(TURBO_|npm_|PNPM_|INIT_CWD$|VITEST|NODE_ENV$|TEST$)/.test(key)) continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? "")
    .split(delimiter)
    .filter(
      (dir) => !(dir.startsWith(repo) && dir.includes("node_modules/.bin") && !dir.includes("/.tools/")),
    )
    .join(delimiter);
  env.TURBO_TELEMETRY_DISABLED = "1";
  env.CI = "true";
  // The clone's tests skip the checks no document can change (test-support's onAnotherDocument).
  env.ANGO_REHEARSAL = "1";
  return env;
}

function run(command: string, args: string[], cwd: string, timeoutMs: number) {
  const result = spawnSync(command, args, {
    cwd,
    env: freshEnvironment(),
    encoding: "utf8",
    timeout: timeoutMs,
    maxBuffer: 1 << 28,
  });
  if (result.error) throw result.error;
  return result;
}

const tail = (text: string | Buffer | null | undefined) => String(text ?? "").slice(-6000);

beforeAll(async () => {
  clone = await mkdtemp(join(tmpdir(), "ango-update-rehearsal-"));
  const cloned = run("git", ["clone", "--quiet", "--depth", "1", `file://${repo}`, clone], tmpdir(), 120_000);
  expect(cloned.status, tail(cloned.stderr)).toBe(0);
  // The lockfile's packages are in the pnpm store already (this workspace was installed from it).
  const installed = run(
    "pnpm",
    ["install", "--frozen-lockfile", "--offline", "--reporter=silent"],
    clone,
    300_000,
  );
  expect(installed.status, tail(installed.stderr) + tail(installed.stdout)).toBe(0);
  await writeFile(join(clone, "new-spec.json"), JSON.stringify(vendorDocument));
  // As the workflow's steps run them (regenerate.yml's update job).
  update = run("pnpm", ["spec:update", "new-spec.json", "--skip-checks"], clone, 120_000);
  lint = run("pnpm", ["run", "lint:spec"], clone, 120_000);
  checks = run(
    "pnpm",
    [
      "turbo",
      "run",
      ...UPDATE_CHECK_TASKS,
      "--output-logs=errors-only",
      ...[...ENVIRONMENT_TESTS, ...DOCUMENT_INDEPENDENT].map((name) => `--filter=!${name}`),
    ],
    clone,
    720_000,
  );
  repositoryChecks = run(
    "pnpm",
    ["--filter", REPOSITORY_TESTS.filter, "exec", "vitest", "run", REPOSITORY_TESTS.dir],
    clone,
    300_000,
  );
}, 900_000);

afterAll(async () => {
  if (clone && !process.env.KEEP_REHEARSAL) await rm(clone, { recursive: true, force: true });
});

test("spec:update, the spec lint, build, typecheck and the clone's tests all succeed on the new document", () => {
  expect(update.status, `${tail(update.stdout)}\n${tail(update.stderr)}`).toBe(0);
  expect(String(update.stdout)).toMatch(
    expectedBump
      ? new RegExp(`change\\(s\\), ${expectedBump} bump; changeset \\.changeset/spec-[0-9a-f]{12}\\.md`)
      : /did not change: no changeset written/,
  );
  expect(lint.status, `${tail(lint.stdout)}\n${tail(lint.stderr)}`).toBe(0);
  expect(checks.status, `${tail(checks.stdout)}\n${tail(checks.stderr)}`).toBe(0);
  expect(repositoryChecks.status, `${tail(repositoryChecks.stdout)}\n${tail(repositoryChecks.stderr)}`).toBe(
    0,
  );
});

test("the codegen's tests of this repository's files ran in the clone", async () => {
  // Their Vitest report (tests/support/vitest.js; `vitest.json` under `pnpm exec`): an empty or moved
  // folder would pass while running nothing.
  const report = join(clone, "packages/codegen/.test-report/vitest.json");
  expect(existsSync(report), "the codegen's repository tests wrote no report").toBe(true);
  const results = JSON.parse(await readFile(report, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
  };
  expect(results.numFailedTests).toBe(0);
  expect(results.numPassedTests).toBeGreaterThan(0);
});

test("the update touches only what the workflow's pull-request job accepts", async () => {
  const workflow = await readFile(join(repo, ".github/workflows/regenerate.yml"), "utf8");
  const allowed = new RegExp(/allowed='([^']+)'/.exec(workflow)?.[1] ?? "^$");
  const status = run("git", ["status", "--porcelain", "--untracked-files=all"], clone, 60_000);
  const paths = String(status.stdout)
    .split("\n")
    .filter(Boolean)
    .map((line) => line.slice(3))
    .filter((path) => path !== "new-spec.json");
  expect(paths.length).toBeGreaterThan(3);
  expect(paths.filter((path) => !allowed.test(path))).toEqual([]);
  expect(paths).toContain("spec/ango-hub-v2.openapi.json");
});

test("every operation of the vendor's API is called through the client against the mock", async () => {
  // The clone's contract tests wrote their Vitest report beside their output (tests/support/vitest.js).
  const report = join(clone, "tests/contract/.test-report/test.json");
  expect(existsSync(report), "the clone's contract tests wrote no report").toBe(true);
  const results = JSON.parse(await readFile(report, "utf8")) as {
    testResults: { assertionResults: { fullName: string; status: string }[] }[];
  };
  const passed = new Set(
    results.testResults
      .flatMap((file) => file.assertionResults)
      .filter(
        (t) =>
          t.status === "passed" &&
          t.fullName.includes("a generated call passes the server's spec validation"),
      )
      .map((t) => t.fullName.split(" over HTTP")[0]),
  );
  expect(vendorOperationIds.length).toBe(47);
  expect(vendorOperationIds.filter((id) => !passed.has(id))).toEqual([]);
});

test("the steps rehearsed are the workflow's own: spec:update --skip-checks, the spec lint, UPDATE_CHECK_TASKS", async () => {
  const workflow = await readFile(join(repo, ".github/workflows/regenerate.yml"), "utf8");
  expect(workflow).toMatch(/run: pnpm spec:update "[^"]+" --skip-checks/);
  expect(workflow).toMatch(/run: pnpm run lint:spec\b/);
  expect(workflow).toContain(`run: pnpm turbo run ${UPDATE_CHECK_TASKS.join(" ")} --output-logs=errors-only`);
});
