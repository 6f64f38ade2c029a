import { expect, test } from "vitest";
import { missingMembers, readmeBlock, runInPackage, shellWords, skippedFor } from "../readme-example.js";
import { type OperationRoute, seedRoutes } from "../seed.js";

test("the README example prints the seed's paths", async () => {
  const packageDir = new URL("../", import.meta.url);
  const stdout = await runInPackage(packageDir, await readmeBlock(packageDir, "ts"), ".ts");
  expect(stdout.trim()).toBe("/batches/{projectId}");
});

test("missingMembers names what a README calls that the client lacks or sends unlike the seed, and nothing else", () => {
  const [seedOperation, asSeed] = [...seedRoutes()][0] as [string, OperationRoute];
  const client = { listThings: () => {}, driftReport: () => {}, [seedOperation]: () => {} };
  const code = `await ango.listThings({});\nango . driftReport();\nawait ango.makeThing({ a: 1 });\nother.absent();\nwrong.gone();\nango.${seedOperation}({});`;
  const operations = { listThings: { method: "GET", path: "/things" }, [seedOperation]: asSeed };
  expect(missingMembers(code, client, operations)).toEqual(["makeThing"]);
  expect(missingMembers(code, client, operations, ["ango", "wrong"])).toEqual(["makeThing", "gone"]);
  // A standalone function imported from the package is checked the same way.
  const standalone = `import { createAngoRuntime, ${seedOperation} } from "@ango-hub/client";\nawait ${seedOperation}(runtime, {});`;
  expect(missingMembers(standalone, client, operations)).toEqual([]);
  expect(missingMembers(standalone, client, {})).toEqual([
    `${seedOperation} as ${asSeed.method} ${asSeed.path}`,
  ]);
  // The seed's operation under its name, sent another way: the example is not for it.
  const moved = { ...operations, [seedOperation]: { method: "PUT", path: "/projects/{projectId}/batches" } };
  expect(missingMembers(code, client, moved)).toEqual([
    "makeThing",
    `${seedOperation} as ${asSeed.method} ${asSeed.path}`,
  ]);
  expect(skippedFor([], "README.md")).toBe("");
  expect(skippedFor(["makeThing"], "README.md")).toBe(
    " — skipped: the spec has no makeThing; update README.md",
  );
});

test("shellWords splits a README's shell line as a shell would: single quotes kept whole, a comment left out", () => {
  expect(shellWords(`ango cmd --body '{"a": [1, 2]}'   # a comment`)).toEqual([
    "ango",
    "cmd",
    "--body",
    '{"a": [1, 2]}',
  ]);
  expect(shellWords("export ANGO_API_KEY=...")).toEqual(["export", "ANGO_API_KEY=..."]);
});
