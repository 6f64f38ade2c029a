import { execFile } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { transform } from "esbuild";
import { afterAll, describe, expect, test } from "vitest";
import { docsExampleResponse, TEST_KEY } from "./support/fixtures.js";
import { json, startServer } from "./support/loopback.js";

const run = promisify(execFile);
// Inside the package directory, so `@ango-hub/client` resolves to this package's built exports.
const scriptPath = fileURLToPath(new URL("../.readme-example.mjs", import.meta.url));
afterAll(() => rm(scriptPath, { force: true }));

describe("README", () => {
  test("the first example runs as written against a loopback server", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toContain('from "@ango-hub/client"');
    const { code } = await transform(example ?? "", { loader: "ts", format: "esm" });
    await writeFile(scriptPath, code);

    const server = await startServer((_req, res) => json(res, 200, docsExampleResponse));
    try {
      const { stdout } = await run(process.execPath, [scriptPath], {
        env: {
          ...process.env,
          ANGO_API_KEY: TEST_KEY,
          ANGO_BASE_URL: `${server.origin}/v2`,
          ANGO_SERVER: "",
        },
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
