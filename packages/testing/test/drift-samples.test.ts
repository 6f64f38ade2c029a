import { describe, expect, test } from "vitest";
import { DRIFT_ENUM_VALUE, DRIFT_EXTRA_FIELD, driftSamples, validateValue } from "../src/index.js";

const document = {
  openapi: "3.0.3",
  paths: {},
  components: {
    schemas: {
      Batch: {
        type: "object",
        required: ["name"],
        properties: {
          name: { type: "string" },
          state: { type: "string", enum: ["open", "closed"] },
          note: { type: "string", nullable: true },
        },
      },
      Closed: { type: "object", properties: { id: { type: "integer" } }, additionalProperties: false },
      Either: { oneOf: [{ $ref: "#/components/schemas/Batch" }, { $ref: "#/components/schemas/Closed" }] },
    },
  },
};
const list = {
  type: "object",
  required: ["data"],
  properties: {
    data: { type: "array", items: { $ref: "#/components/schemas/Batch" } },
    closed: { $ref: "#/components/schemas/Closed" },
    either: { $ref: "#/components/schemas/Either" },
  },
};
const value = { data: [{ name: "b1", state: "open", note: null }], closed: { id: 1 }, either: { id: 2 } };

describe("driftSamples", () => {
  test("one sample per place and kind, each the valid value with one change at its pointer", () => {
    expect(validateValue(document, list, value)).toEqual([]);
    const samples = driftSamples(document, list, value);
    expect(samples.map((s) => [s.kind, s.pointer, s.breaking])).toEqual([
      ["missing-required", "/data", true],
      ["extra-field", `/${DRIFT_EXTRA_FIELD}`, false],
      ["wrong-type", "/data", true],
      ["unexpected-null", "/data", true],
      ["missing-required", "/data/0/name", true],
      ["extra-field", `/data/0/${DRIFT_EXTRA_FIELD}`, false],
      ["wrong-type", "/data/0/name", true],
      ["unexpected-null", "/data/0/name", true],
      ["wrong-type", "/data/0/state", true],
      ["unexpected-null", "/data/0/state", true],
      ["unknown-enum-value", "/data/0/state", false],
      // `note` is nullable: only a wrong type is drift there.
      ["wrong-type", "/data/0/note", true],
      ["wrong-type", "/closed", true],
      ["unexpected-null", "/closed", true],
      // Closed (additionalProperties: false): no extra field is seeded; the integer gets a string.
      ["wrong-type", "/closed/id", true],
      ["unexpected-null", "/closed/id", true],
    ]);
    const enumSample = samples.find((s) => s.kind === "unknown-enum-value");
    expect(enumSample?.body).toEqual({ ...value, data: [{ ...value.data[0], state: DRIFT_ENUM_VALUE }] });
    // Every breaking sample is one the spec's own validator rejects; the value itself is untouched.
    for (const sample of samples.filter((s) => s.breaking))
      expect(validateValue(document, list, sample.body)).not.toEqual([]);
    expect(value.data[0]?.state).toBe("open");
  });
});
