import type { ProjectResponse } from "@ango-hub/types";
import { describe, expectTypeOf, test } from "vitest";
import { type AngoClient, createAngoClient, type ServerPreset } from "../src/index.js";

declare const ango: AngoClient;

describe("client types come from the spec", () => {
  test("updateProjectBatches returns the 200 body type", () => {
    expectTypeOf(
      ango.updateProjectBatches({ projectId: "p", body: { batches: [] } }),
    ).resolves.toEqualTypeOf<ProjectResponse>();
  });

  test("a misspelled body property, a missing name or a missing projectId is a type error", () => {
    // @ts-expect-error `nmae` is not a Batch property
    void ango.updateProjectBatches({ projectId: "p", body: { batches: [{ nmae: "x" }] } });
    // @ts-expect-error `batchs` is not a BatchUpdateRequest property
    void ango.updateProjectBatches({ projectId: "p", body: { batchs: [] } });
    // @ts-expect-error projectId is required
    void ango.updateProjectBatches({ body: { batches: [] } });
    // @ts-expect-error per-call options are checked too
    void ango.updateProjectBatches({ projectId: "p", body: { batches: [] } }, { timeout: 5 });
  });

  test("server presets are the spec's, and custom URLs are allowed", () => {
    expectTypeOf<ServerPreset>().toEqualTypeOf<"eu" | "us" | "in" | "test">();
    createAngoClient({ apiKey: "k", server: "us" });
    createAngoClient({ apiKey: "k", server: "https://proxy.example.com/v2" });
  });
});
