import { expect, test } from "vitest";
import { readmeBlock, runInPackage } from "../readme-example.js";

test("the README example prints the seed's paths", async () => {
  const packageDir = new URL("../", import.meta.url);
  const stdout = await runInPackage(packageDir, await readmeBlock(packageDir, "ts"), ".ts");
  expect(stdout.trim()).toBe("/batches/{projectId}");
});
