import { execFile } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, expect, test } from "vitest";

const run = promisify(execFile);
// Inside the package, so `@ango-hub/codegen` resolves through the package's own exports.
const scriptPath = fileURLToPath(new URL("../.readme-example.ts", import.meta.url));
afterAll(() => rm(scriptPath, { force: true }));

test("the README example runs as written", async () => {
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  expect(example).toContain('from "@ango-hub/codegen"');
  await writeFile(scriptPath, example);
  const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));
  const { stdout } = await run(tsx, [scriptPath], { cwd: fileURLToPath(new URL("..", import.meta.url)) });
  expect(stdout.trim().split("\n")).toEqual(["types.d.ts true", "operations.ts true", "servers.ts true"]);
}, 30_000);
