// The README's example, line by line, through the built `ango` against the mock on loopback.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { shellWords } from "@ango-hub/test-support/readme-example";
import { isSeedOperation } from "@ango-hub/test-support/seed";
import { startMockAngoServer } from "@ango-hub/testing";
import { expect, test } from "vitest";
import { commands } from "../src/generated/commands.js";

const run = promisify(execFile);
const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const KEY = "readme-key-0123456789";

const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
const block = /## Example\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
const lines = block.trim().split("\n");
// The example is the seed's command: it runs while the spec has it, and otherwise skips saying so.
const byOperation = Object.fromEntries(commands.map((command) => [command.operation, command]));
const missing = [...new Set(lines.map((line) => shellWords(line)[1] ?? ""))].filter((name) => {
  const command = commands.find((c) => c.command === name);
  return command === undefined || !isSeedOperation(command.operation, byOperation);
});
const skipped =
  missing.length > 0
    ? ` — skipped: the spec has no ${missing.join(", ")}; update packages/cli/README.md`
    : "";

test.skipIf(missing.length > 0)(
  `the README example runs as written: an answer, nothing with --quiet, a refused body with status 6${skipped}`,
  async () => {
    expect(lines).toHaveLength(3);
    const server = await startMockAngoServer({ apiKey: KEY });
    try {
      const env = {
        ...process.env,
        ANGO_API_KEY: KEY,
        ANGO_BASE_URL: server.url,
        ANGO_SERVER: "",
        ANGO_LOG: "",
      };
      const results = [];
      for (const line of lines) {
        const [command, ...args] = shellWords(line);
        expect(command).toBe("ango");
        results.push(
          await run(process.execPath, [bin, ...args], { env }).then(
            ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
            (error: { code: number; stdout: string; stderr: string }) => error,
          ),
        );
      }
      const [first, quiet, refused] = results;
      expect(first?.code).toBe(0);
      expect(JSON.parse(first?.stdout ?? "").data.project.batches).toEqual([
        { _id: expect.any(String), name: "Batch 1" },
      ]);
      expect([quiet?.code, quiet?.stdout, quiet?.stderr]).toEqual([0, "", ""]);
      expect(refused?.code).toBe(6);
      expect(refused?.stderr).toMatch(
        /^ango: AngoValidationError 400 \(request mock-\d+\): Invalid request: /,
      );
      expect(server.mock.batches("65f1c0ffee0000000000000a").map((b) => b.name)).toEqual(["Batch 2"]);
    } finally {
      await server.close();
    }
  },
);
