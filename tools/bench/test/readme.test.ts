import { readmeBlock, runInPackage } from "@ango-hub/test-support/readme-example";
import { expect, test } from "vitest";

const packageDir = new URL("../", import.meta.url);

test("the README example measures a bundle", async () => {
  const stdout = await runInPackage(packageDir, await readmeBlock(packageDir, "ts"), ".ts");
  const bytes = Number(/^(\d+) bytes gzipped$/.exec(stdout.trim())?.[1]);
  expect(bytes).toBeGreaterThan(2000);
});
