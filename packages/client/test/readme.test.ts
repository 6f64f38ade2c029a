import { onAnotherNode } from "@ango-hub/test-support/node-matrix";
import {
  missingMembers,
  readmeBlock,
  runInPackageOutput,
  skippedFor,
  typeCheckExample,
} from "@ango-hub/test-support/readme-example";
import { transform } from "esbuild";
import { describe, expect, test } from "vitest";
import { operationDescriptors } from "../src/contract-entry.js";
import { apiKeyScheme, createAngoClient } from "../src/index.js";
import { docsExampleResponse, TEST_KEY } from "./support/fixtures.js";
import { json, startServer } from "./support/loopback.js";

const packageDir = new URL("../", import.meta.url);
const repoDir = new URL("../../../", import.meta.url);

/**
 * Runs the README's `index`-th TypeScript block as written, against a loopback server that answers every
 * request with `answer`. The package has no tsx: esbuild strips the types and it runs as an ES module.
 */
async function runExample(
  index: number,
  answer: unknown,
  env: Record<string, string> = {},
  readmeDir = packageDir,
  status = 200,
) {
  const example = await readmeBlock(readmeDir, "ts", index);
  const { code } = await transform(example, { loader: "ts", format: "esm" });
  const server = await startServer((_req, res) => json(res, status, answer));
  try {
    const { stdout, stderr } = await runInPackageOutput(packageDir, code, ".mjs", {
      ...process.env,
      ANGO_API_KEY: TEST_KEY,
      ANGO_BASE_URL: `${server.origin}/v2`,
      ANGO_SERVER: "",
      ...env,
    });
    return { example, stdout, stderr, requests: server.requests };
  } finally {
    await server.close();
  }
}

/** What a README's `index`-th TypeScript block calls that the spec does not have (its test then skips). */
async function missingIn(readmeDir: URL, index: number): Promise<string[]> {
  return missingMembers(
    await readmeBlock(readmeDir, "ts", index),
    createAngoClient({ apiKey: TEST_KEY }),
    operationDescriptors,
  );
}
const quickstartMissing = await missingIn(repoDir, 0);
const firstMissing = await missingIn(packageDir, 0);
const validationMissing = await missingIn(packageDir, 2);

describe("the repository's README", () => {
  test.skipIf(quickstartMissing.length > 0)(
    `the quickstart runs as written: an answer, and an API error as its status and message${skippedFor(quickstartMissing, "README.md")}`,
    async () => {
      const ok = await runExample(0, docsExampleResponse, {}, repoDir);
      expect(ok.example).toContain('from "@ango-hub/client"');
      expect(ok.stdout.trim()).toBe("[ 'Batch 1' ]");
      expect(ok.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
        "POST /v2/batches/65f1c0ffee0000000000000a",
      ]);
      const missing = await runExample(0, { status: "fail", message: "Project not found" }, {}, repoDir, 404);
      expect(missing.stdout).toBe("");
      expect(missing.stderr.trim()).toMatch(
        /^404 undefined 404 from POST http:\/\/127\.0\.0\.1:\d+\/v2\/batches\/65f1c0ffee0000000000000a: Project not found$/,
      );
      expect(missing.requests).toHaveLength(1);
    },
  );
});

describe("README", () => {
  test.skipIf(firstMissing.length > 0)(
    `the first example runs as written against a loopback server${skippedFor(firstMissing, "packages/client/README.md")}`,
    async () => {
      const { example, stdout, requests } = await runExample(0, docsExampleResponse);
      expect(example).toContain('from "@ango-hub/client"');
      expect(stdout).toContain("[ { _id: '507f1f77bcf86cd799439011', name: 'Batch 1' } ]");
      expect(stdout).not.toContain("success");
      // The key where the spec's scheme puts it (the example uses the spec's client).
      const keyHeader = apiKeyScheme.name.toLowerCase();
      expect(requests.map((r) => `${r.method} ${r.url} ${r.headers[keyHeader]}`)).toEqual([
        `POST /v2/batches/65f1c0ffee0000000000000a ${apiKeyScheme.prefix}${TEST_KEY}`,
      ]);
    },
  );

  test.skipIf(validationMissing.length > 0)(
    `the response validation example reports a drifted answer and counts it${skippedFor(validationMissing, "packages/client/README.md")}`,
    async () => {
      // The docs' answer with two drifts: a batch without its required name, and a field the spec lacks.
      const drifted = structuredClone(docsExampleResponse);
      delete drifted.data.project.batches[0].name;
      drifted.data.project.region = "eu-west";
      const { example, stdout } = await runExample(2, drifted, { ANGO_LOG: "off" });
      expect(example).toContain('validateResponses: "observe"');
      expect(stdout.trim().split("\n")).toEqual([
        "drift: missing-required /data/project/batches/0/name breaking",
        "drift: extra-field /data/project/region additive",
        "1 [ '/data/project/batches/*/name 1', '/data/project/region 1' ]",
      ]);
    },
  );
});

const standaloneMissing = await missingIn(packageDir, 4);

describe("README, type-checked (the example would reach a real server)", () => {
  // A type-check: the runs on other Node majors skip it.
  test.skipIf(standaloneMissing.length > 0 || onAnotherNode)(
    `the standalone-function example compiles strictly${skippedFor(standaloneMissing, "packages/client/README.md")}`,
    async () => {
      const example = await readmeBlock(packageDir, "ts", 4);
      expect(example).toContain("createAngoRuntime");
      expect(await typeCheckExample(packageDir, example)).toEqual([]);
    },
    60_000,
  );
});
