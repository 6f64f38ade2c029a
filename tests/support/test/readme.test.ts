import { expect, test } from "vitest";
import { missingMembers, readmeBlock, runInPackage, skippedFor } from "../readme-example.js";

test("the README example prints the seed's paths", async () => {
  const packageDir = new URL("../", import.meta.url);
  const stdout = await runInPackage(packageDir, await readmeBlock(packageDir, "ts"), ".ts");
  expect(stdout.trim()).toBe("/batches/{projectId}");
});

test("missingMembers names what a README calls on a client that the client lacks, and nothing else", () => {
  const client = { listThings: () => {}, driftReport: () => {} };
  const code = `await ango.listThings({});\nango . driftReport();\nawait ango.makeThing({ a: 1 });\nother.absent();\nwrong.gone();`;
  expect(missingMembers(code, client)).toEqual(["makeThing"]);
  expect(missingMembers(code, client, ["ango", "wrong"])).toEqual(["makeThing", "gone"]);
  expect(skippedFor([], "README.md")).toBe("");
  expect(skippedFor(["makeThing"], "README.md")).toBe(
    " — skipped: the spec has no makeThing; update README.md",
  );
});
