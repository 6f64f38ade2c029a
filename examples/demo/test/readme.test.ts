import { readmeBlock, runInPackage } from "@ango-hub/test-support/readme-example";
import { expect, test } from "vitest";

const packageDir = new URL("../", import.meta.url);

test("the README example runs the main job against the mock", async () => {
  const stdout = await runInPackage(packageDir, await readmeBlock(packageDir, "ts"), ".ts");
  // 0, or 2 where the spec no longer has the operation the docs' example is for (main.test.ts).
  expect(stdout.trim()).toMatch(/\nexit [02]$/);
  expect(stdout).toMatch(/"name": "Batch 1"|The spec has no /);
});
