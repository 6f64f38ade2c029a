import { execFile } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, expect, test } from "vitest";

const run = promisify(execFile);
// In the package directory, so `@ango-hub/testing` resolves to this package's built exports.
const scriptPath = fileURLToPath(new URL("../.readme-example.mjs", import.meta.url));
afterAll(() => rm(scriptPath, { force: true }));

test("the server example in the README runs as written", async () => {
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  expect(example).toContain("startMockAngoServer");
  await writeFile(scriptPath, example); // plain JavaScript already
  const { stdout } = await run(process.execPath, [scriptPath]);
  expect(stdout).toContain("[ { _id: '6a0000000000000000000001', name: 'Batch 1' } ]");
}, 30_000);
