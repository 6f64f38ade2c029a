import { describe, expect, test } from "vitest";
import { toolsOf } from "../src/emit-tools.js";
import { readApiModel } from "../src/index.js";
import { ONE_OF_TOLD, PATTERN_TOLD, TOOL_SCHEMA_LIMITS } from "../src/tool-schemas.js";

const ok = { "200": { description: "ok" } };
const doc = (paths: object, components: object = {}) => ({
  openapi: "3.0.3",
  info: { title: "t", version: "1" },
  paths,
  components,
});
const tools = (document: ReturnType<typeof doc>) => toolsOf(readApiModel(document), document);
/** The input schema of a JSON body's tool argument. */
const bodyOf = (schema: object) => {
  const [tool] = tools(
    doc({
      "/t": {
        post: {
          operationId: "t",
          requestBody: { content: { "application/json": { schema } } },
          responses: ok,
        },
      },
    }),
  );
  return ((tool?.inputSchema.properties ?? {}) as Record<string, Record<string, unknown>>).body ?? {};
};

describe("the MCP server's tools", () => {
  test("operations whose names meet in snake_case never share a tool; each name within 64 characters", () => {
    const long = `get${"Very".repeat(20)}LongName`;
    const result = tools(
      doc({
        "/a": { get: { operationId: "getThing", responses: ok } },
        "/b": { get: { operationId: "get_thing", responses: ok } },
        "/c": { get: { operationId: long, responses: ok } },
        "/d": { get: { operationId: `${long}2`, responses: ok } },
      }),
    );
    const names = result.map((t) => t.name);
    expect(new Set(names).size).toBe(4);
    expect(names.filter((n) => n.startsWith("get_thing"))).toHaveLength(2);
    for (const name of names) expect(name).toMatch(/^[a-z0-9_]{1,64}$/);
    // Two names that differ only past the 64th character still get two tools.
    expect(names.filter((n) => n.startsWith("get_very"))).toHaveLength(2);
    expect(new Set(result.map((t) => t.operation)).size).toBe(4);
  });

  test("parameters that clash (with each other or the body) take their location; odd characters become _", () => {
    const [tool] = tools(
      doc({
        "/things/{id}": {
          post: {
            operationId: "updateThing",
            parameters: [
              { name: "id", in: "path", required: true, schema: { type: "string" } },
              { name: "id", in: "query", schema: { type: "string" } },
              { name: "body", in: "header", schema: { type: "string" } },
              { name: "filter[name]", in: "query", schema: { type: "string" } },
            ],
            requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } },
            responses: ok,
          },
        },
      }),
    );
    expect(tool?.parameters.map((p) => [p.argument, p.in, p.name])).toEqual([
      ["path_id", "path", "id"],
      ["query_id", "query", "id"],
      ["header_body", "header", "body"],
      ["filter_name", "query", "filter[name]"],
    ]);
    expect(Object.keys(tool?.inputSchema.properties as object)).toEqual([
      "path_id",
      "query_id",
      "header_body",
      "filter_name",
      "body",
    ]);
    expect(tool?.inputSchema.required).toEqual(["path_id", "body"]);
  });

  test("references are inlined, a cycle ends in {}, readOnly leaves the input, nullable becomes a type and a pattern is told, not compiled", () => {
    const [tool] = tools(
      doc(
        {
          "/nodes": {
            post: {
              operationId: "addNode",
              requestBody: {
                content: { "application/json": { schema: { $ref: "#/components/schemas/Node" } } },
              },
              responses: {
                "200": {
                  description: "ok",
                  content: { "application/json": { schema: { $ref: "#/components/schemas/Node" } } },
                },
              },
            },
          },
        },
        {
          schemas: {
            Node: {
              type: "object",
              required: ["name"],
              properties: {
                id: { type: "string", readOnly: true },
                name: { type: "string", nullable: true, pattern: "^(a+)+$" },
                child: { $ref: "#/components/schemas/Node" },
              },
            },
          },
        },
      ),
    );
    const body = (tool?.inputSchema.properties as Record<string, Record<string, unknown>> | undefined)?.body;
    expect(body).toEqual({
      type: "object",
      required: ["name"],
      properties: {
        name: { type: ["string", "null"], description: `${PATTERN_TOLD} ^(a+)+$)` },
        child: {},
      },
      description: "The request body (sent as application/json).",
    });
    expect(JSON.stringify(tool?.inputSchema)).not.toContain('"pattern"');
    // The result is loosened: nothing required, null beside each type, readOnly fields kept.
    expect(tool?.resultSchema).toEqual({
      type: ["object", "null"],
      properties: { id: { type: ["string", "null"] }, name: { type: ["string", "null"] }, child: {} },
    });
  });

  test('a path argument is one segment, never empty: an enum\'s "" goes and a string needs a character', () => {
    const [tool] = tools(
      doc({
        "/jobs/{state}/{name}": {
          get: {
            operationId: "getJobs",
            parameters: [
              { name: "state", in: "path", required: true, schema: { type: "string", enum: ["", "active"] } },
              { name: "name", in: "path", required: true, schema: { type: "string" } },
              { name: "filter", in: "query", schema: { type: "string", enum: ["", "x"] } },
            ],
            responses: ok,
          },
        },
      }),
    );
    const properties = tool?.inputSchema.properties as Record<string, Record<string, unknown>>;
    expect(properties.state).toEqual({ type: "string", enum: ["active"], minLength: 1 });
    expect(properties.name).toEqual({ type: "string", minLength: 1 });
    // A query value may be empty.
    expect(properties.filter).toEqual({ type: "string", enum: ["", "x"] });
  });

  test("a schema past the depth limit is cut to a described {}", () => {
    let schema: object = { type: "string" };
    for (let i = 0; i < TOOL_SCHEMA_LIMITS.maxDepth + 5; i++)
      schema = { type: "object", properties: { x: schema } };
    const text = JSON.stringify(bodyOf(schema));
    expect(text).toContain("deeper or larger than a tool's may be");
    expect(text).not.toContain('"type":"string"');
  });

  test("OpenAPI 3.0's keywords become what a JSON Schema validator compiles: bounds, enums, numbers", () => {
    const [tool] = tools(
      doc({
        "/things": {
          get: {
            operationId: "listThings",
            parameters: [
              { name: "after", in: "query", schema: { type: "integer", minimum: 0, exclusiveMinimum: true } },
              { name: "upTo", in: "query", schema: { type: "number", maximum: 9, exclusiveMaximum: false } },
              { name: "kind", in: "query", schema: { type: "string", enum: [] } },
              { name: "mode", in: "query", schema: { type: "string", enum: ["a", "b", "a"] } },
              { name: "step", in: "query", schema: { type: "number", multipleOf: 0, minLength: "3" } },
              { name: "ids", in: "query", schema: { type: "array", items: {}, uniqueItems: "yes" } },
              { name: "at", in: "query", schema: { type: "integer", format: "unix-time" } },
              { name: "on", in: "query", schema: { type: "string", format: "date" } },
              { name: "raw", in: "query", schema: { type: "string", format: "byte" } },
              { name: "pick", in: "query", schema: { oneOf: [{ type: "string" }, { type: "integer" }] } },
              { name: "maybe", in: "query", schema: { nullable: true, allOf: [{ type: "string" }] } },
              {
                name: "event",
                in: "query",
                schema: { type: "string", enum: Array.from({ length: 1001 }, (_, i) => `e${i}`) },
              },
            ],
            responses: ok,
          },
        },
      }),
    );
    const properties = (tool?.inputSchema.properties ?? {}) as Record<string, unknown>;
    expect(properties.after).toEqual({ type: "integer", exclusiveMinimum: 0 });
    expect(properties.upTo).toEqual({ type: "number", maximum: 9 });
    expect(properties.kind).toEqual({ type: "string" });
    expect(properties.mode).toEqual({ type: "string", enum: ["a", "b"] });
    expect(properties.step).toEqual({ type: "number" });
    expect(properties.ids).toEqual({ type: "array", items: {} });
    // Only formats the SDK's validator knows: it warns on standard error about any other.
    expect(properties.at).toEqual({ type: "integer" });
    expect(properties.on).toEqual({ type: "string", format: "date" });
    // ajv-formats holds `byte` to base64; the mock and OpenAPI take any text.
    expect(properties.raw).toEqual({ type: "string" });
    // With patterns and read-only properties left out, two members may both match: anyOf, which says the
    // spec takes exactly one.
    expect(properties.pick).toEqual({
      anyOf: [{ type: "string" }, { type: "integer" }],
      description: `${ONE_OF_TOLD})`,
    });
    expect(properties.maybe).toEqual({ anyOf: [{ allOf: [{ type: "string" }] }, { type: "null" }] });
    expect(properties.event).toEqual({
      type: "string",
      description: "(not described in full: one of 1001 values, more than a tool lists)",
    });
  });

  test("a body or result larger than maxSchemaChars is written shallower until it fits, its top kept", () => {
    const words = "a long description of a field, as large documents write them. ".repeat(8);
    const wide = (level: number): object =>
      level === 0
        ? { type: "string", description: words }
        : {
            type: "object",
            description: words,
            properties: Object.fromEntries(
              Array.from({ length: 6 }, (_, i) => [`field${level}_${i}`, wide(level - 1)]),
            ),
          };
    const schema = wide(5);
    const [tool] = tools(
      doc({
        "/big": {
          post: {
            operationId: "big",
            requestBody: { content: { "application/json": { schema } } },
            responses: { "200": { description: "ok", content: { "application/json": { schema } } } },
          },
        },
      }),
    );
    const body = (tool?.inputSchema.properties ?? {}) as Record<string, Record<string, unknown>>;
    const bodySchema = body.body;
    for (const part of [bodySchema, tool?.resultSchema]) {
      expect(JSON.stringify(part).length).toBeLessThanOrEqual(TOOL_SCHEMA_LIMITS.maxSchemaChars + 200);
      expect(Object.keys((part?.properties ?? {}) as object)).toEqual(
        Array.from({ length: 6 }, (_, i) => `field5_${i}`),
      );
    }
    expect(JSON.stringify(tool?.resultSchema)).toContain("deeper or larger than a tool's may be");
  });

  test("an object closed to other properties stays open where a read-only one was left out", () => {
    const closed = (extra: object) => ({
      type: "object",
      additionalProperties: false,
      properties: { name: { type: "string" }, ...extra },
    });
    expect(bodyOf(closed({})).additionalProperties).toBe(false);
    const open = bodyOf(closed({ id: { type: "string", readOnly: true } }));
    expect(open.additionalProperties).toBeUndefined();
    expect(Object.keys(open.properties as object)).toEqual(["name"]);
  });

  test("a required read-only property stays; a path argument is never null and keeps its read-only fields", () => {
    // Apideck's read-only `id` that its create body also requires: the client's types ask for it too.
    const body = bodyOf({
      type: "object",
      required: ["id"],
      properties: { id: { type: "string", readOnly: true }, note: { type: "string", readOnly: true } },
    });
    expect(Object.keys(body.properties as object)).toEqual(["id"]);
    expect(body.required).toEqual(["id"]);
    const [tool] = tools(
      doc({
        "/boards/{board}/{version}": {
          delete: {
            operationId: "d",
            parameters: [
              // Getty Images' nullable board id; Jellyfin's version, an object of read-only numbers.
              { name: "board", in: "path", required: true, schema: { type: "string", nullable: true } },
              {
                name: "version",
                in: "path",
                required: true,
                schema: { type: "object", properties: { Major: { type: "integer", readOnly: true } } },
              },
            ],
            responses: ok,
          },
        },
      }),
    );
    const args = tool?.inputSchema.properties as Record<string, Record<string, unknown>>;
    expect(args.board).toEqual({ type: "string", minLength: 1 });
    expect(Object.keys(args.version?.properties as object)).toEqual(["Major"]);
    expect(args.version?.minProperties).toBe(1);
  });

  test("a branch that requires its parent's properties keeps them required (GitHub's gist update)", () => {
    const body = bodyOf({
      type: "object",
      properties: {
        description: { type: "string" },
        files: { type: "object" },
        id: { type: "string", readOnly: true },
      },
      anyOf: [{ required: ["description"] }, { required: ["files"] }],
      allOf: [{ required: ["id", "description", "description"] }],
    });
    expect(body.anyOf).toEqual([{ required: ["description"] }, { required: ["files"] }]);
    // A read-only property the parent left out is not required by a branch either.
    expect(body.allOf).toEqual([{ required: ["description"] }]);
  });
});
