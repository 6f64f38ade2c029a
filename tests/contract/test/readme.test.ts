import { operationNames } from "@ango-hub/openapi-reader";
import { specDocument } from "@ango-hub/spec/document";
import { readmeBlock, runInPackage } from "@ango-hub/test-support/readme-example";
import { expect, test } from "vitest";

const packageDir = new URL("../", import.meta.url);

test("the README example lists the spec's operations", async () => {
  const stdout = await runInPackage(packageDir, await readmeBlock(packageDir, "ts"), ".ts");
  // Every operation of the spec file, whatever it holds today.
  const spec = specDocument();
  const names = operationNames(spec);
  const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
  const expected = Object.entries((spec.paths ?? {}) as Record<string, Record<string, unknown>>).flatMap(
    ([path, item]) =>
      methods
        .filter((m) => item[m])
        .map((m) => `${m.toUpperCase()} ${path} (${names.get(`${m.toUpperCase()} ${path}`)})`),
  );
  expect(stdout.trim().split("\n")).toEqual(expected);
});
