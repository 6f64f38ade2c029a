import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { seedDocument } from "@ango-hub/test-support/seed";
import { afterEach, describe, expect, test } from "vitest";
import { mockHandlers } from "../src/generated/openapi-document.js";
import { MockAngo, type MockAngoServer, openApiDocument, startMockAngoServer } from "../src/index.js";
import { seedMock, seedServer } from "./support/seed.js";

/** A file of the spec package (the vendor's document and its overrides), by name. */
const specFile = (name: string) => createRequire(import.meta.url).resolve(`@ango-hub/spec/${name}`);

const shapes = JSON.parse(readFileSync(new URL("./fixtures/shapes.openapi.json", import.meta.url), "utf8"));
const headers = { "x-key": "k" };

let server: MockAngoServer | undefined;
afterEach(async () => server?.close());

describe("a mock built from any OpenAPI 3.0 document answers every operation", () => {
  test("the spec's example when there is one", async () => {
    server = await startMockAngoServer({ document: shapes });
    expect(server.url).toMatch(/\/api$/);
    const response = await fetch(`${server.url}/shapes/s1`, { headers });
    expect([response.status, await response.json()]).toEqual([200, { id: "s001", sides: 4 }]);
  });

  test("else a body generated from the schema and valid against it; an operation without operationId is named as the client names it", async () => {
    const mock = new MockAngo({ document: shapes });
    const response = await mock.handle(new Request("http://127.0.0.1/api/shapes", { headers }));
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(Array.isArray(body)).toBe(true);
    expect(mock.validateResponse(body, "getShapes").valid).toBe(true);
    expect(mock.calls[0]).toMatchObject({ operationId: "getShapes", valid: true });
  });

  test("multipart bodies are validated: a missing field is a 400, a complete form a 204", async () => {
    const mock = new MockAngo({ document: shapes });
    const form = new FormData();
    form.append("file", new Blob(["bytes"]), "a.png");
    const missing = await mock.handle(
      new Request("http://127.0.0.1/api/uploads", { method: "POST", headers, body: form }),
    );
    expect(missing.status).toBe(400);
    expect(mock.calls[0]?.reason).toContain("label");
    form.append("label", "a label");
    const ok = await mock.handle(
      new Request("http://127.0.0.1/api/uploads", { method: "POST", headers, body: form }),
    );
    expect(ok.status).toBe(204);
  });

  test("an undeclared content type is a 415 naming the declared ones", async () => {
    const mock = new MockAngo({ document: shapes });
    const response = await mock.handle(
      new Request("http://127.0.0.1/api/uploads", {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(response.status).toBe(415);
    expect(mock.calls[0]?.reason).toBe(
      "content-type application/json; the spec declares multipart/form-data",
    );
  });
});

describe("faults of the mock itself are answers, not crashes", () => {
  test("the path prefix matches whole segments only", async () => {
    const mock = new MockAngo({ document: shapes });
    const response = await mock.handle(new Request("http://127.0.0.1/apix/shapes/s1", { headers }));
    expect(response.status).toBe(404);
  });

  test("a throwing respond() is a 500 that says so", async () => {
    const mock = new MockAngo({
      document: shapes,
      respond: () => {
        throw new Error("fixture broke");
      },
    });
    const response = await mock.handle(new Request("http://127.0.0.1/api/shapes/s1", { headers }));
    const body = (await response.json()) as { message: string };
    expect(response.status).toBe(500);
    expect(body.message).toMatch(/^The mock cannot handle \S+: fixture broke$/);
    expect(mock.calls.at(-1)?.operationId).toBeDefined();
  });

  test("an oversized body is a 413, over HTTP and in-process", async () => {
    server = await seedServer({ maxBodyBytes: 1_000 });
    const big = JSON.stringify({ batches: [{ name: "x".repeat(5_000) }] });
    const overHttp = await fetch(`${server.url}/batches/p`, {
      method: "POST",
      headers: { apikey: "k", "content-type": "application/json" },
      body: big,
    });
    expect(overHttp.status).toBe(413);
    const mock = seedMock({ maxBodyBytes: 1_000 });
    const inProcess = await mock.handle(
      new Request("http://127.0.0.1/v2/batches/p", {
        method: "POST",
        headers: { apikey: "k", "content-type": "application/json" },
        body: big,
      }),
    );
    expect(inProcess.status).toBe(413);
  });
});

// The batch store on the frozen seed's operation, with the handler its overrides give it: the spec's
// own operations and handlers are whatever the vendor's document brings.
describe("batches", () => {
  const update = (mock: MockAngo, batches: object[]) =>
    mock.handle(
      new Request("http://127.0.0.1/v2/batches/p", {
        method: "POST",
        headers: { apikey: "k", "content-type": "application/json" },
        body: JSON.stringify({ batches }),
      }),
    );

  test("replace (default): the project keeps exactly the list sent, as the Python SDK assumes", async () => {
    const mock = seedMock();
    await update(mock, [{ _id: "507f1f77bcf86cd799439011", name: "A" }]);
    await update(mock, [{ name: "B" }]);
    expect(mock.batches("p").map((b) => b.name)).toEqual(["B"]);
  });

  test("the store is a handler the operation is given (by the overrides file, or by option), never chosen by its name", async () => {
    // A document passed as `document`: no handler unless one is given, so no store.
    const plain = new MockAngo({ document: seedDocument() });
    expect((await update(plain, [{ name: "A" }])).status).toBe(200);
    expect(plain.batches("p")).toEqual([]);
    const given = new MockAngo({
      document: seedDocument(),
      handlers: { updateProjectBatches: "batch-store" },
    });
    await update(given, [{ name: "A" }]);
    expect(given.batches("p").map((b) => b.name)).toEqual(["A"]);
    // The default document's handlers come from spec/ango-hub-v2.overrides.json, through the codegen:
    // each one the file names for an operation the spec has.
    const specOperations = new Set(
      Object.values(openApiDocument.paths ?? {}).flatMap((item) =>
        Object.values(item as object).map(
          (operation) => (operation as { operationId?: string })?.operationId,
        ),
      ),
    );
    const overrides = JSON.parse(readFileSync(specFile("ango-hub-v2.overrides.json"), "utf8"));
    const named = Object.entries(overrides.operations as Record<string, { mock?: string }>).flatMap(
      ([id, entry]) => (entry.mock && specOperations.has(id) ? [[id, entry.mock]] : []),
    );
    expect(mockHandlers).toEqual(Object.fromEntries(named));
  });

  test("merge: known _ids are renamed, the rest added", async () => {
    const mock = seedMock({ batchUpdate: "merge" });
    await update(mock, [{ _id: "507f1f77bcf86cd799439011", name: "A" }]);
    await update(mock, [{ _id: "507f1f77bcf86cd799439011", name: "A2" }, { name: "B" }]);
    expect(mock.batches("p").map((b) => b.name)).toEqual(["A2", "B"]);
  });
});

describe("paths as servers route them", () => {
  const pathsDocument = {
    openapi: "3.0.3",
    info: { title: "paths", version: "1" },
    servers: [{ url: "http://127.0.0.1/v1" }],
    paths: {
      "/apps/": { get: { operationId: "listApps", responses: { "204": { description: "none" } } } },
      "/v3/{id}/(ref/{ref}/)trigger+x": {
        post: {
          operationId: "trigger",
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "string" } },
            { name: "ref", in: "path", required: true, schema: { type: "string" } },
          ],
          responses: { "204": { description: "sent" } },
        },
      },
      "/commits/{sha}.{format}": {
        get: {
          operationId: "commitAs",
          parameters: [
            { name: "sha", in: "path", required: true, schema: { type: "string" } },
            { name: "format", in: "path", required: true, schema: { enum: ["diff", "patch"] } },
          ],
          responses: { "204": { description: "sent" } },
        },
      },
      "/creators/{id}": {
        parameters: [{ $ref: "#/components/parameters/creatorId" }],
        get: {
          operationId: "creator",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "204": { description: "sent" } },
        },
        delete: { operationId: "deleteCreator", responses: { "204": { description: "gone" } } },
        put: { operationId: "putCreator", responses: { "204": { description: "put" } } },
      },
      "/alerts?lat={lat}&lon={lon}": {
        get: {
          operationId: "alertsAt",
          parameters: [
            { name: "lat", in: "path", required: true, schema: { type: "number" } },
            { name: "lon", in: "path", required: true, schema: { type: "number" } },
          ],
          responses: { "204": { description: "sent" } },
        },
      },
      "/profiles/{id}{ext}": {
        get: {
          operationId: "profileAs",
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "string", minLength: 3 } },
            { name: "ext", in: "path", required: true, schema: { type: "string", enum: [".json"] } },
          ],
          responses: { "204": { description: "sent" } },
        },
      },
      "/sites/{id}/{kind}/n": {
        get: {
          operationId: "countKind",
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "integer" } },
            { name: "kind", in: "path", required: true, schema: { type: "string", enum: ["zones", "maps"] } },
          ],
          responses: { "204": { description: "counted" } },
        },
      },
      "/sites/{id}/zones/{zoneId}": {
        get: {
          operationId: "zone",
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "integer" } },
            { name: "zoneId", in: "path", required: true, schema: { type: "integer" } },
          ],
          responses: { "204": { description: "found" } },
        },
      },
      "/projects/{id}{.format}": {
        get: {
          operationId: "projectAs",
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "integer" } },
            { name: ".format", in: "path", required: true, schema: { type: "string" } },
          ],
          responses: { "204": { description: "sent" } },
        },
      },
      "/insights/{insight_id:}": {
        get: {
          operationId: "insight",
          parameters: [{ name: "insight_id:", in: "path", required: true, schema: { type: "integer" } }],
          responses: { "204": { description: "sent" } },
        },
      },
      "/send/#env/{partnerId}/a b": {
        post: {
          operationId: "send",
          parameters: [{ name: "partnerId", in: "path", required: true, schema: { type: "string" } }],
          responses: { "204": { description: "sent" } },
        },
      },
    },
  };
  const call = (method: string, path: string) =>
    new MockAngo({
      document: {
        ...pathsDocument,
        components: {
          parameters: { creatorId: { name: "id", in: "path", required: true, schema: { type: "integer" } } },
        },
      },
    }).handle(new Request(`http://127.0.0.1/v1${path}`, { method }));

  test("a template's trailing slash is its own path", async () => {
    expect((await call("GET", "/apps/")).status).toBe(204);
    expect((await call("GET", "/apps")).status).toBe(404);
  });

  test("literal text sent percent-encoded (as it must be) reaches its template, parameters intact", async () => {
    expect((await call("POST", "/send/%23env/p%2F1/a%20b")).status).toBe(204);
    expect((await call("POST", "/send/%23ENV/p1/a%20b")).status).toBe(404);
  });

  test("a `?` the template writes is its text (sent as %3F), not the start of a query", async () => {
    expect((await call("GET", "/alerts%3Flat=1.5&lon=-2")).status).toBe(204);
    expect((await call("GET", "/alerts%3Flat=north&lon=-2")).status).toBe(400);
    expect((await call("GET", "/alerts?lat=1.5&lon=-2")).status).toBe(404);
  });

  test("a body declared with media type parameters is taken, and validated, as its type", async () => {
    const mock = new MockAngo({
      document: {
        openapi: "3.0.3",
        info: { title: "charset", version: "1" },
        servers: [{ url: "http://127.0.0.1/v1" }],
        paths: {
          "/comments": {
            post: {
              operationId: "comment",
              requestBody: {
                required: true,
                content: {
                  "application/json; charset=utf-8": {
                    schema: { type: "object", required: ["text"], properties: { text: { type: "string" } } },
                  },
                },
              },
              responses: { "204": { description: "noted" } },
            },
          },
        },
      },
    });
    const post = async (type: string, body: unknown) =>
      (
        await mock.handle(
          new Request("http://127.0.0.1/v1/comments", {
            method: "POST",
            headers: { "content-type": type },
            body: JSON.stringify(body),
          }),
        )
      ).status;
    expect(await post("application/json; charset=utf-8", { text: "hi" })).toBe(204);
    expect(await post("application/json", { text: "hi" })).toBe(204);
    expect(await post("application/json; charset=utf-8", { words: "hi" })).toBe(400);
    expect(await post("text/plain", { text: "hi" })).toBe(415);
  });

  test("a non-exploded query parameter that is not a list is read as one value", async () => {
    const mock = new MockAngo({
      document: {
        openapi: "3.0.3",
        info: { title: "explode", version: "1" },
        servers: [{ url: "http://127.0.0.1/v1" }],
        paths: {
          "/names": {
            get: {
              operationId: "names",
              parameters: [
                {
                  name: "name",
                  in: "query",
                  required: true,
                  style: "form",
                  explode: false,
                  schema: { type: "string" },
                },
                {
                  name: "ids",
                  in: "query",
                  style: "form",
                  explode: false,
                  schema: { type: "array", items: { type: "integer" } },
                },
              ],
              responses: { "204": { description: "found" } },
            },
          },
        },
      },
    });
    const get = async (query: string) =>
      (await mock.handle(new Request(`http://127.0.0.1/v1/names?${query}`))).status;
    expect(await get("name=red")).toBe(204);
    expect(await get("name=red,blue")).toBe(204);
    expect(await get("name=red&ids=1,2")).toBe(204);
    expect(await get("name=red&ids=1,x")).toBe(400);
  });

  test("an untyped enum of booleans and numbers in the query is read as the value its text spells", async () => {
    const mock = new MockAngo({
      document: {
        openapi: "3.0.3",
        info: { title: "enums", version: "1" },
        servers: [{ url: "http://127.0.0.1/v1" }],
        paths: {
          "/sms": {
            post: {
              operationId: "delivered",
              parameters: [
                { name: "delivered", in: "query", required: true, schema: { enum: [true, false, 0, 1] } },
              ],
              responses: { "204": { description: "noted" } },
            },
          },
        },
      },
    });
    const send = async (value: string) =>
      (await mock.handle(new Request(`http://127.0.0.1/v1/sms?delivered=${value}`, { method: "POST" })))
        .status;
    expect([await send("0"), await send("1"), await send("true"), await send("false")]).toEqual([
      204, 204, 204, 204,
    ]);
    expect([await send("2"), await send("yes")]).toEqual([400, 400]);
  });

  test("a closed object header does not close the request's other headers", async () => {
    const mock = new MockAngo({
      document: {
        openapi: "3.0.3",
        info: { title: "headers", version: "1" },
        servers: [{ url: "http://127.0.0.1/v1" }],
        paths: {
          "/done": {
            post: {
              operationId: "done",
              parameters: [
                {
                  name: "tenant",
                  in: "header",
                  schema: {
                    type: "object",
                    properties: { id: { type: "string" } },
                    additionalProperties: false,
                  },
                },
              ],
              responses: { "204": { description: "noted" } },
            },
          },
        },
      },
    });
    const response = await mock.handle(
      new Request("http://127.0.0.1/v1/done", { method: "POST", headers: { accept: "application/json" } }),
    );
    expect(response.status).toBe(204);
  });

  test("references whose pointers escape characters (~1, %7B) or point into paths are followed; one to text is left out", async () => {
    const mock = new MockAngo({
      document: {
        openapi: "3.0.3",
        info: { title: "refs", version: "1" },
        servers: [{ url: "http://127.0.0.1/v1" }],
        paths: {
          "/{id}": {
            get: {
              operationId: "one",
              parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
              responses: { "404": { $ref: "#/components/responses/Missing" } },
            },
            post: {
              operationId: "make",
              parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
              requestBody: {
                required: true,
                content: {
                  "application/json": {
                    schema: {
                      $ref: "#/components/responses/Missing/content/application~1json/schema/properties/why",
                    },
                  },
                },
              },
              responses: { "404": { $ref: "#/paths/~1%7Bid%7D/get/responses/404" } },
              // An extension's content may refer to text (another sample's source): nothing the mock reads.
              "x-code-samples": [
                { lang: "sh", source: "curl -X POST /v1/7" },
                { lang: "bash", source: { $ref: "#/paths/~1%7Bid%7D/post/x-code-samples/0/source" } },
              ],
            },
          },
        },
        components: {
          responses: {
            Missing: {
              description: "missing",
              content: {
                "application/json": {
                  schema: { type: "object", properties: { why: { type: "string", minLength: 2 } } },
                },
              },
            },
          },
        },
      },
    });
    const post = (body: unknown) =>
      mock.handle(
        new Request("http://127.0.0.1/v1/7", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
      );
    expect((await post("gone")).status).toBe(404);
    expect((await post("x")).status).toBe(400);
  });

  test("a parameter right after another, with one allowed value, is that value's text (as a server routes it)", async () => {
    expect((await call("GET", "/profiles/v1.2.json")).status).toBe(204);
    expect((await call("GET", "/profiles/ab.json")).status).toBe(400);
    expect((await call("GET", "/profiles/abc.xml")).status).toBe(404);
  });

  test("a dot between two parameters of one segment is a dot: the first value may hold dots of its own", async () => {
    expect((await call("GET", "/commits/abc.diff")).status).toBe(204);
    expect((await call("GET", "/commits/v1.2.patch")).status).toBe(204);
    expect((await call("GET", "/commits/abc.tar")).status).toBe(400);
    expect((await call("GET", "/commits/abcxdiff")).status).toBe(404);
  });

  test("an operation's parameter overrides its path item's of the same name; the others still apply", async () => {
    expect((await call("GET", "/creators/ada")).status).toBe(204);
    expect((await call("DELETE", "/creators/ada")).status).toBe(400);
    expect((await call("DELETE", "/creators/12")).status).toBe(204);
    // The path item's parameter is a reference two operations share: each still reads it.
    expect((await call("PUT", "/creators/ada")).status).toBe(400);
    expect((await call("PUT", "/creators/12")).status).toBe(204);
  });

  test("a path two templates match goes to the more literal; a request it cannot be is named ambiguous", async () => {
    expect((await call("GET", "/sites/1/zones/5")).status).toBe(204);
    expect((await call("GET", "/sites/1/maps/n")).status).toBe(204);
    const mock = new MockAngo({ document: pathsDocument });
    const response = await mock.handle(new Request("http://127.0.0.1/v1/sites/1/zones/n"));
    expect(response.status).toBe(501);
    expect(mock.calls.at(-1)?.reason).toMatch(
      /^ambiguous paths: GET \/sites\/\{id\}\/zones\/\{zoneId\} and GET \/sites\/\{id\}\/\{kind\}\/n both match/,
    );
  });

  test("two path parameters with nothing between them, which no server can split, are named as such", async () => {
    const mock = new MockAngo({ document: pathsDocument });
    const response = await mock.handle(new Request("http://127.0.0.1/v1/projects/12json"));
    expect(response.status).toBe(501);
    expect(mock.calls.at(-1)?.reason).toMatch(
      /^ambiguous paths: GET \/projects\/\{id\}\{\.format\} has two path parameters with nothing between them/,
    );
  });

  test("a path parameter of any name is read (a router reads only plain names): `{insight_id:}`", async () => {
    const seen: Record<string, string>[] = [];
    const mock = new MockAngo({
      document: pathsDocument,
      respond: (call) => {
        seen.push(call.params);
        return undefined;
      },
    });
    const get = (path: string) => mock.handle(new Request(`http://127.0.0.1/v1${path}`, { method: "GET" }));
    expect((await get("/insights/5")).status).toBe(204);
    expect(seen).toEqual([{ "insight_id:": "5" }]);
    const refused = await get("/insights/x");
    expect(refused.status).toBe(400);
    expect(mock.calls.at(-1)?.reason).toContain("/path/insight_id: must be integer");
  });

  test("a template's regular-expression characters are its own text, not a pattern", async () => {
    expect((await call("POST", "/v3/7/(ref/main/)trigger+x")).status).toBe(204);
    expect((await call("POST", "/v3/7/ref/main/triggerrx")).status).toBe(404);
  });
});

describe("header parameters as servers read them (the simple style)", () => {
  const document = {
    openapi: "3.0.3",
    info: { title: "headers", version: "1" },
    paths: {
      "/h": {
        get: {
          operationId: "withHeaders",
          parameters: [
            {
              name: "X-Ids",
              in: "header",
              required: true,
              schema: { type: "array", items: { type: "integer" } },
            },
            {
              name: "X-Meta",
              in: "header",
              explode: true,
              schema: { type: "object", properties: { a: { type: "integer" } }, required: ["a"] },
            },
          ],
          responses: { 204: { description: "done" } },
        },
      },
      "/j": {
        get: {
          operationId: "withJsonParameters",
          parameters: [
            {
              name: "X-Filter",
              in: "header",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Filter" } } },
            },
            {
              name: "q",
              in: "query",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Filter" } } },
            },
          ],
          responses: { 204: { description: "done" } },
        },
      },
      "/channels/{id}": {
        get: {
          operationId: "withJsonPathParameter",
          parameters: [
            {
              // Stream's channel id: its limit is on the value, not on the JSON text that carries it.
              name: "id",
              in: "path",
              required: true,
              content: { "application/json": { schema: { type: "string", maxLength: 4 } } },
            },
          ],
          responses: { 204: { description: "done" } },
        },
      },
    },
    components: {
      schemas: { Filter: { type: "object", properties: { n: { type: "integer" } }, required: ["n"] } },
    },
  };
  const mock = new MockAngo({ document });
  const call = (headers: Record<string, string>) =>
    mock.handle(new Request("http://127.0.0.1/h", { headers }), "");

  test("an array header is its comma-separated items, each read by the items' schema", async () => {
    expect((await call({ "X-Ids": "1,2, 3" })).status).toBe(204);
    expect((await call({ "X-Ids": "1,b" })).status).toBe(400);
  });

  test("an exploded object header is its k=v fields", async () => {
    expect((await call({ "X-Ids": "1", "X-Meta": "a=5,b=x" })).status).toBe(204);
    expect((await call({ "X-Ids": "1", "X-Meta": "b=x" })).status).toBe(400);
  });

  test("a parameter of a JSON media type (`content`) is its JSON text, in a header or the query", async () => {
    const get = (query: string, headers: Record<string, string>) =>
      mock.handle(new Request(`http://127.0.0.1/j${query}`, { headers }), "");
    expect((await get("", { "X-Filter": '{"n":1}' })).status).toBe(204);
    expect((await get("", { "X-Filter": '{"m":1}' })).status).toBe(400);
    expect((await get(`?q=${encodeURIComponent('{"n":2}')}`, {})).status).toBe(204);
    expect((await get(`?q=${encodeURIComponent('{"n":"x"}')}`, {})).status).toBe(400);
  });

  test("a path parameter of a JSON media type is its segment's JSON text, judged as the value", async () => {
    const channel = (id: string) =>
      mock.handle(new Request(`http://127.0.0.1/channels/${encodeURIComponent(JSON.stringify(id))}`), "");
    expect((await channel("abcd")).status).toBe(204);
    expect((await channel("abcde")).status).toBe(400);
  });
});

describe("a JSON body that is no object", () => {
  const document = {
    openapi: "3.0.3",
    info: { title: "scalar", version: "1" },
    paths: {
      "/when": {
        post: {
          operationId: "setWhen",
          requestBody: {
            required: true,
            content: {
              "application/json; charset=utf-8": { schema: { type: "string", format: "date-time" } },
            },
          },
          responses: { 204: { description: "set" } },
        },
      },
    },
  };
  const mock = new MockAngo({ document });
  const post = (body: string | undefined) =>
    mock.handle(
      new Request("http://127.0.0.1/when", {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8" },
        ...(body === undefined ? {} : { body }),
      }),
      "",
    );

  test("is validated under any JSON content type, a charset or a +json suffix", async () => {
    expect((await post('"2016-08-09T08:00:00Z"')).status).toBe(204);
    expect((await post("123")).status).toBe(400);
    expect((await post(undefined)).status).toBe(400);
  });
});

describe("query parameters as servers read them", () => {
  const document = {
    openapi: "3.0.3",
    info: { title: "query", version: "1" },
    paths: {
      "/secrets": {
        get: {
          operationId: "secrets",
          parameters: [
            {
              name: "scope",
              in: "query",
              required: true,
              style: "deepObject",
              explode: true,
              schema: {
                type: "object",
                properties: { type: { type: "string", enum: ["account", "user"] } },
                required: ["type"],
              },
            },
          ],
          responses: { 204: { description: "listed" } },
        },
      },
    },
  };
  const mock = new MockAngo({ document });
  const get = (query: string) => mock.handle(new Request(`http://127.0.0.1/secrets?${query}`), "");

  test("a deepObject parameter is its name[field] pairs, read as an object", async () => {
    expect((await get("scope[type]=account")).status).toBe(204);
    expect((await get("scope[type]=nobody")).status).toBe(400);
    expect((await get("other=1")).status).toBe(400);
  });
});

test("a oneOf a path parameter shares with another parameter is served (openapi-backend's compile saw one list twice)", async () => {
  const document = {
    openapi: "3.0.3",
    info: { title: "shared", version: "1" },
    paths: {
      "/teams/{team}": {
        get: {
          operationId: "team",
          parameters: [
            { name: "team", in: "path", required: true, schema: { $ref: "#/components/schemas/IdOrSlug" } },
            {
              name: "opponent",
              in: "query",
              schema: { type: "array", items: { $ref: "#/components/schemas/IdOrSlug" } },
            },
          ],
          responses: { 204: { description: "found" } },
        },
      },
    },
    components: {
      schemas: {
        IdOrSlug: {
          oneOf: [
            { type: "integer", minimum: 1 },
            { type: "string", pattern: "^[a-z][a-z0-9-]*$" },
          ],
        },
      },
    },
  };
  const mock = new MockAngo({ document });
  expect((await mock.handle(new Request("http://127.0.0.1/teams/5?opponent=ab"), "")).status).toBe(204);
  expect((await mock.handle(new Request("http://127.0.0.1/teams/-5"), "")).status).toBe(400);
});
