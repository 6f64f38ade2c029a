import { describe, expect, test } from "vitest";
import { ResponsePlans, readResponsePlan } from "../src/response-plans.js";

const doc = {
  components: {
    schemas: {
      Pet: {
        type: "object",
        required: ["kind", "password", "name"],
        properties: {
          kind: { type: "string" },
          name: { type: ["string", "null"] },
          password: { type: "string", writeOnly: true },
          tags: { type: "array", items: { $ref: "#/components/schemas/Tag" } },
          parent: { $ref: "#/components/schemas/Pet" },
        },
      },
      Cat: {
        allOf: [
          { $ref: "#/components/schemas/Pet" },
          { type: "object", properties: { lives: { type: "integer" } } },
        ],
      },
      Dog: { type: "object", properties: { bark: { const: "woof" } }, additionalProperties: false },
      Tag: { type: "string", enum: ["a", "b"], nullable: true },
      Odd: { type: "strnig" },
      Map: { type: "object", additionalProperties: { type: "number" } },
      Patterned: { type: "object", patternProperties: { "^x-": {} } },
    },
  },
};

const plan = (schema: unknown, extra = {}) =>
  readResponsePlan(doc, { "200": { content: { "application/json": { schema } } }, ...extra });

describe("readResponsePlan", () => {
  test("types, nulls (3.0 nullable and 3.1 type arrays), enums, const, items and recursion by index", () => {
    const { schemas } = plan({ $ref: "#/components/schemas/Pet" });
    expect(schemas[0]).toEqual({
      type: ["object"],
      properties: { kind: 1, name: 2, password: 3, tags: 4, parent: 0 },
      // A write-only property is required of requests only.
      required: ["kind", "name"],
    });
    expect(schemas[2]).toEqual({ type: ["string"], nullable: true });
    expect(schemas[4]).toEqual({ type: ["array"], items: 5 });
    expect(schemas[5]).toEqual({ type: ["string"], nullable: true, enum: ["a", "b"] });
    expect(plan({ $ref: "#/components/schemas/Dog" }).schemas).toEqual([
      { type: ["object"], properties: { bark: 1 }, additional: false },
      { enum: ["woof"] },
    ]);
  });

  test("an unknown type name checks no type; maps and patternProperties say what undeclared keys are", () => {
    expect(plan({ $ref: "#/components/schemas/Odd" }).schemas).toEqual([{}]);
    expect(plan({ $ref: "#/components/schemas/Map" }).schemas).toEqual([
      { type: ["object"], additional: 1 },
      { type: ["number"] },
    ]);
    expect(plan({ $ref: "#/components/schemas/Patterned" }).schemas).toEqual([
      { type: ["object"], additional: true },
    ]);
  });

  test("oneOf with a discriminator: the mapping the spec writes and each $ref branch's own name", () => {
    const { schemas } = plan({
      oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
      discriminator: { propertyName: "kind", mapping: { kitty: "#/components/schemas/Cat", hound: "Dog" } },
    });
    expect(schemas[0]?.discriminator).toEqual({
      property: "kind",
      mapping: { kitty: 0, hound: 1, Cat: 0, Dog: 1 },
    });
  });

  test("every status and media type is kept; a media type without a schema is null; a non-status key is not", () => {
    const { responses } = readResponsePlan(doc, {
      "200": { content: { "application/json": {}, "text/csv": { schema: { type: "string" } } } },
      "4XX": { $ref: "#/components/responses/Missing" },
      default: { description: "anything" },
      "x-extension": { content: {} },
    });
    expect(responses).toEqual({
      "200": { content: { "application/json": null, "text/csv": 0 } },
      "4XX": { content: {} },
      default: { content: {} },
    });
  });

  test("operations share one table: a schema two operations reach is one node, at one index", () => {
    const plans = new ResponsePlans(doc);
    const pet = {
      "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } },
    };
    const cat = {
      "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/Cat" } } } },
    };
    const first = plans.read(pet);
    const second = plans.read(cat);
    expect(second.schemas).toBe(first.schemas);
    const petIndex = first.responses["200"]?.content["application/json"] as number;
    const catNode = second.schemas[second.responses["200"]?.content["application/json"] as number];
    expect(catNode?.allOf?.[0]).toBe(petIndex);
    // Pet's six nodes, Cat's own two and its lives: nothing of Pet written twice.
    expect(plans.schemas).toHaveLength(9);
    expect(plans.read(pet).responses).toEqual(first.responses);
    expect(plans.schemas).toHaveLength(9);
  });

  test("a property named __proto__ is an own key of the plan, never a prototype", () => {
    const { schemas } = plan(JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"}}}'));
    const properties = schemas[0]?.properties as object;
    expect(Object.hasOwn(properties, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(schemas[0]))).toEqual(
      JSON.parse('{"type":["object"],"properties":{"__proto__":1}}'),
    );
  });
});
