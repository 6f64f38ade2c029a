// OpenAPI 3.1 read as 3.1 by the spec diff: every change class gives the same bump and the same words on
// a 3.1 document as on its 3.0 twin, and rewriting a document as 3.1 (type arrays with "null", examples,
// a oneOf of consts) is no breaking change when no generated type changes.

import { generate } from "@ango-hub/codegen";
import { as31 } from "@ango-hub/test-support/openapi-31";
import { describe, expect, test } from "vitest";
import { bumpFor, diffSpecs, normalizedSchema } from "../src/spec-diff.js";
import { pairs, seed } from "./support/spec-diff-pairs.js";

const typesOf = async (doc: object) =>
  (
    await generate({
      spec: doc,
      specLabel: "x",
      outputs: { types: "t.d.ts" },
      typesModule: "./t.js",
      runtimeDir: ".",
    })
  )[0]?.contents ?? "";

describe("spec diff on OpenAPI 3.1", () => {
  test.each(pairs)("%s: the same bump and words on the 3.1 twins", (_name, next, bump, message) => {
    for (const enumsAsConst of [false, true]) {
      const changes = diffSpecs(as31(seed, { enumsAsConst }), as31(next, { enumsAsConst }));
      expect(bumpFor(changes)).toBe(bump);
      expect(changes.map((c) => c.message)).toContain(message);
    }
  });

  test("the seed rewritten as 3.1 generates the same types and is not a breaking change", async () => {
    const rewritten = as31(seed, { enumsAsConst: true });
    const changes = diffSpecs(seed, rewritten);
    expect(changes.filter((c) => c.bump === "major")).toEqual([]);
    expect(changes.filter((c) => c.bump === "minor")).toEqual([]);
    expect(await typesOf(as31(seed))).toBe(await typesOf(seed));
  });

  test("3.1's ways of saying null, a fixed value and an exclusive bound read as 3.0's", () => {
    expect(normalizedSchema({ type: ["string", "null"] })).toEqual({ type: "string", nullable: true });
    expect(normalizedSchema({ anyOf: [{ $ref: "#/x" }, { type: "null" }] })).toEqual({
      $ref: "#/x",
      nullable: true,
    });
    expect(normalizedSchema({ oneOf: [{ const: "a", title: "A" }, { const: "b" }] })).toEqual({
      enum: ["a", "b"],
    });
    expect(normalizedSchema({ type: "string", enum: ["a", null] })).toEqual({
      type: "string",
      enum: ["a"],
      nullable: true,
    });
    expect(normalizedSchema({ const: 3 })).toEqual({ enum: [3] });
    expect(normalizedSchema({ type: "number", minimum: 1, exclusiveMinimum: true })).toEqual(
      normalizedSchema({ type: "number", exclusiveMinimum: 1 }),
    );
    expect(normalizedSchema({ type: "string", contentMediaType: "image/png" })).toEqual({
      type: "string",
      format: "binary",
    });
    expect(normalizedSchema({ type: "string", contentEncoding: "base64" })).toEqual({
      type: "string",
      format: "byte",
    });
  });

  test("webhooks and operations without responses are read, not refused", () => {
    const next = as31(seed);
    next.webhooks = {
      batchDone: {
        post: { requestBody: { content: { "application/json": { schema: { type: "object" } } } } },
      },
    };
    next.paths["/ping"] = { get: { operationId: "ping" } };
    const changes = diffSpecs(as31(seed), next);
    expect(changes.map((c) => [c.bump, c.message])).toEqual(
      expect.arrayContaining([
        ["patch", "webhooks changed"],
        ["minor", "`GET /ping` added (`ping`)"],
      ]),
    );
  });
});
