import { expect, test } from "vitest";
import { readmeBlock, runInPackage } from "../../../test-support/readme-example.js";

const packageDir = new URL("../", import.meta.url);

test("the README example lists the spec's operations", async () => {
  const stdout = await runInPackage(packageDir, await readmeBlock(packageDir, "ts"), ".ts");
  expect(stdout.trim()).toBe("POST /batches/{projectId} (updateProjectBatches)");
});
