import { readmeBlock, runInPackage } from "@ango-hub/test-support/readme-example";
import { expect, test } from "vitest";

const packageDir = new URL("../", import.meta.url);

test("the README example shows the mock answering a CORS preflight", async () => {
  const stdout = await runInPackage(packageDir, await readmeBlock(packageDir, "ts"), ".ts");
  expect(stdout.trim()).toBe("204 * apikey, content-type");
});
