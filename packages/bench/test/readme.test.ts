import { expect, test } from "vitest";
import { readmeBlock, runInPackage } from "../../../test-support/readme-example.js";

const packageDir = new URL("../", import.meta.url);

test("the README example measures a bundle", async () => {
  const stdout = await runInPackage(packageDir, await readmeBlock(packageDir, "ts"), ".ts");
  const bytes = Number(/^(\d+) bytes gzipped$/.exec(stdout.trim())?.[1]);
  expect(bytes).toBeGreaterThan(2000);
});
