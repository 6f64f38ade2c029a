import { readmeBlock, runInPackage } from "@ango-hub/test-support/readme-example";
import { transform } from "esbuild";
import { describe, expect, test } from "vitest";
import { docsExampleResponse, TEST_KEY } from "./support/fixtures.js";
import { json, startServer } from "./support/loopback.js";

const packageDir = new URL("../", import.meta.url);

/**
 * Runs the README's `index`-th TypeScript block as written, against a loopback server that answers every
 * request with `answer`. The package has no tsx: esbuild strips the types and it runs as an ES module.
 */
async function runExample(index: number, answer: unknown, env: Record<string, string> = {}) {
  const example = await readmeBlock(packageDir, "ts", index);
  const { code } = await transform(example, { loader: "ts", format: "esm" });
  const server = await startServer((_req, res) => json(res, 200, answer));
  try {
    const stdout = await runInPackage(packageDir, code, ".mjs", {
      ...process.env,
      ANGO_API_KEY: TEST_KEY,
      ANGO_BASE_URL: `${server.origin}/v2`,
      ANGO_SERVER: "",
      ...env,
    });
    return { example, stdout, requests: server.requests };
  } finally {
    await server.close();
  }
}

describe("README", () => {
  test("the first example runs as written against a loopback server", async () => {
    const { example, stdout, requests } = await runExample(0, docsExampleResponse);
    expect(example).toContain('from "@ango-hub/client"');
    expect(stdout).toContain("success [ { _id: '507f1f77bcf86cd799439011', name: 'Batch 1' } ]");
    expect(requests.map((r) => `${r.method} ${r.url} ${r.headers.apikey}`)).toEqual([
      `POST /v2/batches/65f1c0ffee0000000000000a ${TEST_KEY}`,
    ]);
  });

  test("the response validation example reports a drifted answer and counts it", async () => {
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
  });
});
