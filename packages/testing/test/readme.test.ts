import { createAngoClient } from "@ango-hub/client";
import { operationDescriptors } from "@ango-hub/client/contract";
import {
  missingMembers,
  readmeBlock,
  runInPackage,
  skippedFor,
  typeCheckExample,
} from "@ango-hub/test-support/readme-example";
import { expect, test } from "vitest";

const packageDir = new URL("../", import.meta.url);
const repoDir = new URL("../../../", import.meta.url);
const client = createAngoClient({ apiKey: "readme-key" });
// The examples call the seed's operation: each runs while the spec has it, and otherwise skips saying so.
const serverMissing = missingMembers(await readmeBlock(packageDir, "ts"), client, operationDescriptors);
const repoMissing = missingMembers(await readmeBlock(repoDir, "ts", 1), client, operationDescriptors);

test.skipIf(serverMissing.length > 0)(
  `the server example in the README runs as written${skippedFor(serverMissing, "packages/testing/README.md")}`,
  async () => {
    // Plain JavaScript already; run as an ES module so `@ango-hub/testing` resolves to the built package.
    const stdout = await runInPackage(packageDir, await readmeBlock(packageDir, "ts"), ".mjs");
    expect(stdout).toContain("[ { _id: '6a0000000000000000000001', name: 'Batch 1' } ]");
  },
);

test("the sampleValue example in the README runs as written", async () => {
  const stdout = await runInPackage(packageDir, await readmeBlock(packageDir, "ts", 1), ".mjs");
  expect(stdout.trim()).toBe("true string");
});

test("the driftSamples example in the README runs as written", async () => {
  const stdout = await runInPackage(packageDir, await readmeBlock(packageDir, "ts", 2), ".mjs");
  expect(stdout.trim().split("\n")).toEqual([
    "missing-required /name true {}",
    'extra-field /zzDriftExtraField false {"name":"Batch 1","zzDriftExtraField":1}',
    'wrong-type /name true {"name":12345}',
    'unexpected-null /name true {"name":null}',
  ]);
});

test.skipIf(repoMissing.length > 0)(
  `the repository README's mock example runs as written${skippedFor(repoMissing, "README.md")}`,
  async () => {
    const stdout = await runInPackage(packageDir, await readmeBlock(repoDir, "ts", 1), ".mjs");
    expect(stdout.trim()).toBe("[ 'updateProjectBatches 200' ]");
  },
);

test("the MSW example in the README compiles strictly (it names a real host, so it is not run)", async () => {
  const example = await readmeBlock(packageDir, "ts", 3);
  expect(example).toContain("createAngoHandlers");
  expect(await typeCheckExample(packageDir, example)).toEqual([]);
}, 60_000);
