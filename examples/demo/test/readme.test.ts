import { readmeBlock, runInPackage } from "@ango-hub/test-support/readme-example";
import { expect, test } from "vitest";

const packageDir = new URL("../", import.meta.url);

test("the README example runs the main job against the mock", async () => {
  const stdout = await runInPackage(packageDir, await readmeBlock(packageDir, "ts"), ".ts");
  expect(stdout).toContain("  - Batch 1 (507f1f77bcf86cd799439011)");
  expect(stdout.trim().endsWith("exit 0")).toBe(true);
});
