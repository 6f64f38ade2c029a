// Every OpenAPI 3.0 document of @readme/oas-examples, merged into the Ango spec, goes through
// generate -> type-check -> each operation called through the client against the mock built from it.
import { join } from "node:path";
import { MockAngo } from "@ango-hub/testing";
import { beforeAll, describe, expect, test } from "vitest";
import {
  clientRoots,
  corpusDocuments,
  type GeneratedClient,
  generateClient,
  type Json,
  loadClient,
  mergeIntoAngo,
  outDir,
  strictTypeCheck,
} from "./support/corpus.js";
import { type Descriptor, expectedStatus, inputFor } from "./support/inputs.js";

/**
 * Operations of the corpus that no request can satisfy, by document and generated operation name, with the
 * reason: OpenAPI allows writing a schema no value is valid against. The mock must refuse every request
 * to them (it does: their calls fail with its 400); everything else must generate, type-check and be
 * answered as valid. Should the sampler ever find a value for one, the test says so.
 */
const IMPOSSIBLE_BY_CONSTRUCTION: Record<string, Record<string, string>> = {
  "circular-request-bodies": limit(
    ["directCircular"],
    "TreeNode requires `parent`, itself a TreeNode: no finite JSON value has one at every depth",
  ),
  "schema-types": limit(
    ["quirks_entirelyIncompatibleAllOf", "quirks_partiallyUsableIncompatibleAllOf"],
    "allOf of a string and an integer: no value is both",
  ),
};

function limit(operations: string[], reason: string): Record<string, string> {
  return Object.fromEntries(operations.map((operation) => [operation, reason]));
}

const documents = (await corpusDocuments()).map(({ name, document }) => ({
  name,
  document: mergeIntoAngo(document),
}));
const generated = new Map<string, GeneratedClient | Error>();
const diagnostics = new Map<string, string[]>();

beforeAll(async () => {
  for (const { name, document } of documents) {
    generated.set(name, await generateClient(name, document).catch((error: Error) => error));
  }
  // One program for the whole corpus: the lib files are read once.
  const roots = [...generated.values()].flatMap((g) => (g instanceof Error ? [] : clientRoots(g.dir)));
  for (const diagnostic of await strictTypeCheck(roots, join(outDir, "strict"))) {
    const file = diagnostic.file;
    const name = documents.find((d) => file.includes(`/.generated/${d.name}/`))?.name ?? "(corpus)";
    const text = `${file.split("/.generated/")[1] ?? file}:${diagnostic.line}: ${diagnostic.message}`;
    diagnostics.set(name, [...(diagnostics.get(name) ?? []), text]);
  }
}, 240_000);

test("the corpus holds the catalogue's documents", () => {
  expect(documents.length).toBeGreaterThanOrEqual(40);
});

describe.each(documents.map((d) => [d.name, d.document] as const))("%s", (name, document: Json) => {
  test("generates", () => {
    const result = generated.get(name);
    if (result instanceof Error) throw result;
    const paths = result?.files.map((f) => f.path) ?? [];
    const plans = paths.filter((path) => path.startsWith("runtime/generated/responses/"));
    expect(paths.filter((path) => !plans.includes(path)).map((path) => path.split("/").pop())).toEqual([
      "types.d.ts",
      "operations.ts",
      "index.ts",
      "internal.ts",
      "servers.ts",
    ]);
    // One response plan per operation that declares responses.
    expect(plans.length).toBeGreaterThan(0);
  });

  test("type-checks under strict settings", () => {
    expect(diagnostics.get(name) ?? []).toEqual([]);
  });

  test("every operation is sent as the spec says and answered", async () => {
    const result = generated.get(name);
    if (!result || result instanceof Error) throw result ?? new Error("not generated");
    const client = await loadClient(result.dir);
    const mock = new MockAngo({ document });
    const runtime = client.createAngoRuntime({
      apiKey: "corpus-key-0123456789",
      server: "https://corpus.test/v2",
      maxRetries: 0,
      logLevel: "off",
      fetch: (url: string, init: RequestInit) => mock.handle(new Request(url, init)),
    });
    const limits = IMPOSSIBLE_BY_CONSTRUCTION[name] ?? {};
    const failures: string[] = [];
    const descriptors = Object.values(client.operationDescriptors as Record<string, Descriptor>);
    for (const [index, descriptor] of descriptors.entries()) {
      const call = client[descriptor.operationId] as (runner: unknown, input: unknown) => Promise<unknown>;
      const expected = expectedStatus(document, descriptor);
      const outcome = await call(runtime, await inputFor(document, descriptor, index + 1)).then(
        () => (expected >= 300 ? `resolved where the spec only declares ${expected}` : undefined),
        (error: Error & { status?: number }) =>
          expected >= 300 && error.status === expected ? undefined : error.message,
      );
      const seen = mock.calls.at(-1);
      const problem = outcome ?? (seen?.valid ? undefined : `mock: ${seen?.status} ${seen?.reason}`);
      const known = limits[descriptor.operationId];
      if (problem && !known) failures.push(`${descriptor.operationId}: ${problem}`);
      if (!problem && known)
        failures.push(`${descriptor.operationId} now works: remove it from IMPOSSIBLE_BY_CONSTRUCTION`);
    }
    expect(failures).toEqual([]);
    // Every call the test could make reached the mock: none was refused or lost on the way.
    expect(mock.calls.length).toBeGreaterThanOrEqual(descriptors.length);
  });
});
