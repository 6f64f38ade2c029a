import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { specDocument } from "@ango-hub/spec/document";
import { isSeedOperation, routesOf, seedDocument } from "@ango-hub/test-support/seed";
import ts from "typescript";
import { expect, test } from "vitest";

// The README's example is written for the seed: its operation and these schemas. It is checked against
// the spec's types while the spec has them as the seed does, else against the frozen seed's own
// (test/generated), so the regenerate workflow never fails on a README no document update can edit.
const EXAMPLE_OPERATION = "updateProjectBatches";
const EXAMPLE_SCHEMAS = ["Batch", "BatchUpdateRequest", "ProjectResponse", "Project", "Tool"];

const spec = specDocument();
const seed = seedDocument();
const specRoutes = Object.fromEntries(routesOf(spec));
const specHasExample =
  isSeedOperation(EXAMPLE_OPERATION, specRoutes) &&
  EXAMPLE_SCHEMAS.every((name) =>
    isDeepStrictEqual(spec.components?.schemas?.[name], seed.components?.schemas?.[name]),
  );
const typesFile = specHasExample ? "../src/generated/index.d.ts" : "./generated/index.d.ts";
const against = specHasExample
  ? "the spec's generated types"
  : `the frozen seed's types (the spec does not have ${EXAMPLE_OPERATION} and ${EXAMPLE_SCHEMAS.join(", ")} as the seed does)`;

test(`the README example type-checks against ${against}`, async () => {
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  expect(example).toContain('from "@ango-hub/types"');
  const dir = await mkdtemp(join(tmpdir(), "types-readme-"));
  try {
    const file = join(dir, "example.ts");
    await writeFile(file, example);
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      types: [],
      paths: { "@ango-hub/types": [fileURLToPath(new URL(typesFile, import.meta.url))] },
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(diagnostics).toEqual([]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
