// Test settings every package shares. The limits are generous because CI runs every package's tests at
// once on 2 cores, and several tests spawn compilers or servers. Plain JavaScript (types in vitest.d.ts):
// Vitest loads a config's imports with Node, which runs no TypeScript from a workspace package.
//
// Besides the terminal output, every run writes Vitest's JSON report to `.test-report/<run>.json` in its
// package (a turbo output, so a cached run restores it): `.ci/run` sums the counts from these files.
// `<run>` is the package script (test, test:corpus, ...) and, for the runs on other Node versions, the
// ANGO_TEST_RUN label scripts/test-node-versions.sh sets.
const run = [process.env.npm_lifecycle_event ?? "vitest", process.env.ANGO_TEST_RUN]
  .filter(Boolean)
  .join("-")
  .replace(/[^A-Za-z0-9_-]/g, "_");

// Test files share a worker's module cache (isolate: false): each worker loads TypeScript, Biome and
// openapi-typescript once, not once per file; a test that needs fresh module state says so itself.
export const sharedTestOptions = {
  include: ["test/**/*.test.ts"],
  isolate: false,
  testTimeout: 60_000,
  hookTimeout: 240_000,
  reporters: ["default", "json"],
  outputFile: { json: `.test-report/${run}.json` },
};
