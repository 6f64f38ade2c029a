import { readmeBlock, runInPackage } from "@ango-hub/test-support/readme-example";
import { expect, test } from "vitest";

const packageDir = new URL("../", import.meta.url);

test("the README example runs as written", async () => {
  const stdout = await runInPackage(packageDir, await readmeBlock(packageDir, "ts"), ".ts");
  expect(stdout.trim().split("\n")).toEqual(["types.d.ts true", "operations.ts true", "servers.ts true"]);
});
