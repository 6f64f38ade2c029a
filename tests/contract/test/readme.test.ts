import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { readmeBlock, runInPackage } from "@ango-hub/test-support/readme-example";
import { expect, test } from "vitest";

/** A file of the spec package (the vendor's document and the docs' examples), by name. */
const specFile = (name: string) => createRequire(import.meta.url).resolve(`@ango-hub/spec/${name}`);

const packageDir = new URL("../", import.meta.url);

test("the README example lists the spec's operations", async () => {
  const stdout = await runInPackage(packageDir, await readmeBlock(packageDir, "ts"), ".ts");
  // Every operation of the spec file, whatever it holds today.
  const spec = JSON.parse(await readFile(specFile("ango-hub-v2.openapi.json"), "utf8"));
  const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
  const expected = Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(
    ([path, item]) => methods.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`),
  );
  expect(
    stdout
      .trim()
      .split("\n")
      .map((line) => line.replace(/ \(.*\)$/, "")),
  ).toEqual(expected);
  expect(stdout).toContain("(updateProjectBatches)");
});
