import { readmeBlock, runInPackage } from "@ango-hub/test-support/readme-example";
import { expect, test } from "vitest";

const packageDir = new URL("../", import.meta.url);

test("the README example generates a client from a merged corpus document", async () => {
  const stdout = await runInPackage(packageDir, await readmeBlock(packageDir, "ts"), ".ts");
  expect(stdout.trim().split("\n")).toEqual([
    "types.d.ts runtime/generated/operations.ts runtime/generated/index.ts runtime/generated/internal.ts runtime/generated/servers.ts + 3 response plans, the schemas they share and their index",
    'GET /pet/{id}: no operationId; generated as "getPetById".',
    'PUT /pet/{id}: no operationId; generated as "putPetById".',
  ]);
}, 120_000);
