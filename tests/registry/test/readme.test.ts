import { readmeBlock, runInPackage } from "@ango-hub/test-support/readme-example";
import { expect, test } from "vitest";

const packageDir = new URL("../", import.meta.url);

test("the README example finds the Node 22 that runs Verdaccio", async () => {
  const stdout = await runInPackage(packageDir, await readmeBlock(packageDir, "ts"), ".ts");
  expect(stdout.trim()).toBe("true");
}, 120_000);
