// What a consumer's editor shows: generated signatures name the spec's schemas (`BatchUpdateRequest`,
// `ProjectResponse`, `Batch[]`), read through TypeScript's language service. Every method of the spec's
// client is read from the built package, as an editor reads it from node_modules; the field-level names
// are read from the seed's generated client (test/generated), whose schemas are known.
import { fileURLToPath } from "node:url";
import { onAnotherNode } from "@ango-hub/test-support/node-matrix";
import ts from "typescript";
import { expect, test } from "vitest";
import { operationDescriptors } from "../src/contract-entry.js";

// What TypeScript shows depends on no Node: the runs on other Node majors skip these.
const editorTest = test.skipIf(onAnotherNode);

const packageDir = fileURLToPath(new URL("../", import.meta.url));
// Inside the package, so `@ango-hub/client` resolves to this package's own exports (dist), as it does
// from a consumer's node_modules.
const consumerFile = `${packageDir}test/hover-consumer.ts`;
const methods = Object.keys(operationDescriptors);
const consumer = `import { createAngoClient } from "@ango-hub/client";
import { createSeedClient } from "./support/seed-client.js";

const ango = createAngoClient({ apiKey: "key-0123456789" });
export const methods = [${methods.map((name) => `ango.${name}`).join(", ")}];

const seed = createSeedClient({ apiKey: "key-0123456789" });
const result = await seed.updateProjectBatches({ projectId: "p1", body: { batches: [{ name: "b" }] } });
export const batches = result.data?.project?.batches;
`;
function languageService(): ts.LanguageService {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    strict: true,
    noEmit: true,
  };
  return ts.createLanguageService({
    getScriptFileNames: () => [consumerFile],
    getScriptVersion: () => "1",
    getScriptSnapshot: (file) => {
      const text = file === consumerFile ? consumer : ts.sys.readFile(file);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => packageDir,
    getCompilationSettings: () => options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (file) => file === consumerFile || ts.sys.fileExists(file),
    readFile: (file) => (file === consumerFile ? consumer : ts.sys.readFile(file)),
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  });
}

const service = languageService();

/** The quick info (hover text) at the first occurrence of `marker` in the consumer file, at `offset` in it. */
function hover(marker: string, offset = 0): string {
  const position = consumer.indexOf(marker) + offset;
  if (position < offset) throw new Error(`no ${marker} in the consumer file`);
  const info = service.getQuickInfoAtPosition(consumerFile, position);
  return ts.displayPartsToString(info?.displayParts);
}

editorTest("the consumer file type-checks", () => {
  const diagnostics = [
    ...service.getSyntacticDiagnostics(consumerFile),
    ...service.getSemanticDiagnostics(consumerFile),
  ].map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  expect(diagnostics).toEqual([]);
});

editorTest("every method of the spec's client shows its own input type and a result type with a name", () => {
  expect(methods.length).toBeGreaterThan(0);
  for (const name of methods) {
    const method = hover(`ango.${name}`, "ango.".length);
    // `(method) BoundOperations.name(input: NameInput, options?: CallOptions): AngoPromise<Result>`.
    expect(method).toMatch(
      new RegExp(
        `^\\(method\\) BoundOperations\\.${name}\\((input\\??: \\w+Input, )?options\\?: CallOptions\\): AngoPromise<`,
      ),
    );
    // A result type an editor names (a schema, an alias, a union of them), never an index chain.
    expect(method).not.toMatch(/\["|paths\[|components\[/);
  }
});

editorTest("the seed's operation names its request and response schemas", () => {
  const method = hover("seed.updateProjectBatches", "seed.".length);
  expect(method).toContain("updateProjectBatches(input: UpdateProjectBatchesInput");
  expect(method).toMatch(/\): AngoPromise<ProjectResponse>$/);
});

editorTest("the body field's hover is the request schema's name", () => {
  expect(hover("body:")).toBe("(property) UpdateProjectBatchesInput.body: BatchUpdateRequest");
});

editorTest("a nested field's hover is its schema's name, not an index chain", () => {
  expect(hover("batches:")).toBe("(property) batches: Batch[]");
  expect(hover("batches = ")).toBe("const batches: Batch[] | undefined");
  expect(hover("result =")).toBe("const result: ProjectResponse");
});
