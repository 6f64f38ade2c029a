import { execFile } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, expect, test } from "vitest";

const run = promisify(execFile);
const scriptPath = fileURLToPath(new URL("../.readme-example.ts", import.meta.url));
afterAll(() => rm(scriptPath, { force: true }));

test("the README example runs the main job against the mock", async () => {
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  await writeFile(scriptPath, /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? "");
  const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));
  const { stdout } = await run(tsx, [scriptPath], { cwd: fileURLToPath(new URL("..", import.meta.url)) });
  expect(stdout).toContain("  - Batch 1 (507f1f77bcf86cd799439011)");
  expect(stdout.trim().endsWith("exit 0")).toBe(true);
}, 30_000);
