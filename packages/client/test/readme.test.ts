import { readmeBlock, runInPackage } from "@ango-hub/test-support/readme-example";
import { transform } from "esbuild";
import { describe, expect, test } from "vitest";
import { docsExampleResponse, TEST_KEY } from "./support/fixtures.js";
import { json, startServer } from "./support/loopback.js";

const packageDir = new URL("../", import.meta.url);

describe("README", () => {
  test("the first example runs as written against a loopback server", async () => {
    const example = await readmeBlock(packageDir, "ts");
    expect(example).toContain('from "@ango-hub/client"');
    // The package has no tsx: strip the types with esbuild and run it as an ES module.
    const { code } = await transform(example, { loader: "ts", format: "esm" });
    const server = await startServer((_req, res) => json(res, 200, docsExampleResponse));
    try {
      const stdout = await runInPackage(packageDir, code, ".mjs", {
        ...process.env,
        ANGO_API_KEY: TEST_KEY,
        ANGO_BASE_URL: `${server.origin}/v2`,
        ANGO_SERVER: "",
      });
      expect(stdout).toContain("success [ { _id: '507f1f77bcf86cd799439011', name: 'Batch 1' } ]");
      expect(server.requests.map((r) => `${r.method} ${r.url} ${r.headers.apikey}`)).toEqual([
        `POST /v2/batches/65f1c0ffee0000000000000a ${TEST_KEY}`,
      ]);
    } finally {
      await server.close();
    }
  });
});
