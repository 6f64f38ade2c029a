import { describe, expect, test } from "vitest";
import { readApiModel, SpecError, schemaTypeName, serverKey } from "../src/index.js";

const base = { openapi: "3.0.3", info: { title: "t", version: "1" } };

describe("spec model errors say what is wrong", () => {
  test("operation without operationId", () => {
    const spec = { ...base, paths: { "/a": { get: { responses: {} } } } };
    expect(() => readApiModel(spec)).toThrow(/GET \/a: every operation needs an operationId/);
  });

  test("duplicate operationId", () => {
    const op = { operationId: "same", responses: {} };
    const spec = { ...base, paths: { "/a": { get: op }, "/b": { get: op } } };
    expect(() => readApiModel(spec)).toThrow(SpecError);
  });

  test("path template and declared path parameters must agree", () => {
    const spec = { ...base, paths: { "/a/{id}": { get: { operationId: "getA", responses: {} } } } };
    expect(() => readApiModel(spec)).toThrow(/path parameter "id" is not declared/);
  });

  test("external references are refused with a hint", () => {
    const spec = {
      ...base,
      paths: {
        "/a": { get: { operationId: "getA", parameters: [{ $ref: "other.json#/p" }], responses: {} } },
      },
    };
    expect(() => readApiModel(spec)).toThrow(/only local references.*Bundle/);
  });

  test("two servers with the same key", () => {
    const spec = {
      ...base,
      paths: {},
      servers: [
        { url: "https://a", description: "EU one" },
        { url: "https://b", description: "Europe two" },
      ],
    };
    expect(() => readApiModel(spec)).toThrow(/preset key "eu"/);
  });

  test("Swagger 2.0 is refused", () => {
    expect(() => readApiModel({ swagger: "2.0", paths: {} })).toThrow(/Only OpenAPI 3/);
  });
});

describe("naming rules", () => {
  test("server keys: first word of the description, region words shortened", () => {
    expect(serverKey({ url: "https://x", description: "India Production Server" })).toBe("in");
    expect(serverKey({ url: "https://x", description: "US Production Server" })).toBe("us");
    expect(serverKey({ url: "https://x", description: "Test Server" })).toBe("test");
    expect(serverKey({ url: "https://api-2.example.com/v1" })).toBe("api2");
  });

  test("schema aliases are PascalCase identifiers that never clash with the lower-case root types", () => {
    expect(schemaTypeName("widget-draft")).toBe("WidgetDraft");
    expect(schemaTypeName("3d-box")).toBe("Schema3dBox");
    expect(schemaTypeName("paths")).toBe("Paths");
  });
});
