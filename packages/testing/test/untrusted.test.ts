// The mock faces whatever a test, a browser page or a fuzzer sends it: each case here once blocked its
// event loop, answered 500, let a request past the spec, or held memory without bound.
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, test, vi } from "vitest";
import { MockAngo, type MockAngoServer } from "../src/index.js";
import { seedMock, seedServer } from "./support/seed.js";

const KEY = "mock-test-key-123456";

/** A document with one multipart and one form operation that require a `name` field. */
const formsDocument = {
  openapi: "3.0.3",
  info: { title: "forms", version: "1" },
  servers: [{ url: "http://127.0.0.1/v1" }],
  security: [{ Key: [] }],
  components: { securitySchemes: { Key: { type: "apiKey", in: "header", name: "apikey" } } },
  paths: Object.fromEntries(
    (["multipart/form-data", "application/x-www-form-urlencoded"] as const).map((type) => [
      `/${type.split("/")[0]}`,
      {
        post: {
          operationId: type.startsWith("multipart") ? "upload" : "submit",
          requestBody: {
            required: true,
            content: {
              [type]: {
                schema: { type: "object", required: ["name"], properties: { name: { type: "string" } } },
              },
            },
          },
          responses: { "204": { description: "done" } },
        },
      },
    ]),
  ),
};

const post = (mock: MockAngo, path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  mock.handle(
    new Request(`http://127.0.0.1/v1${path}`, { method: "POST", headers: { apikey: KEY, ...headers }, body }),
  );

let server: MockAngoServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("bodies", () => {
  test("a form of 40,000 fields is parsed in one pass (and still validated)", async () => {
    const mock = new MockAngo({ document: formsDocument });
    const form = new URLSearchParams();
    for (let i = 0; i < 40_000; i++) form.append(`field${i}`, "x");
    form.append("name", "n");
    // Counted, not timed: a lookup per field name (getAll scans every field) is what made parsing
    // quadratic (8.6 s for this form). One pass over the entries makes none.
    const getAll = vi.spyOn(URLSearchParams.prototype, "getAll");
    try {
      const response = await post(mock, "/application", form);
      expect(response.status).toBe(204);
      expect(getAll).not.toHaveBeenCalled();
    } finally {
      getAll.mockRestore();
    }
  });

  test.each([
    [
      "multipart",
      "/multipart",
      () => {
        const form = new FormData();
        form.append("__proto__", JSON.stringify({ name: "from the prototype" }));
        return form;
      },
    ],
    ["form", "/application", () => new URLSearchParams(`__proto__=${encodeURIComponent('{"name":"x"}')}`)],
  ])(
    "a %s field named __proto__ is a field, never the prototype that satisfies `required`",
    async (_what, path, body) => {
      const mock = new MockAngo({ document: formsDocument });
      const response = await post(mock, path, body());
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/must have required property 'name'/);
    },
  );
});

describe("paths and keys", () => {
  test("a malformed percent-encoding in the path is a 400, not a 500", async () => {
    const mock = seedMock();
    const response = await mock.handle(
      new Request("http://127.0.0.1/v2/batches/%ZZ", { method: "POST", headers: { apikey: KEY } }),
    );
    expect(response.status).toBe(400);
    expect(mock.calls[0]?.reason).toBe("malformed percent-encoding in the path");
  });

  test("the key is checked before the body is read", async () => {
    const mock = seedMock({ apiKey: KEY });
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const response = await mock.handle(
      new Request("http://127.0.0.1/v2/batches/p", {
        method: "POST",
        headers: { apikey: "wrong", "content-type": "application/json" },
        body,
        duplex: "half",
      } as RequestInit),
    );
    expect(response.status).toBe(401);
    // The stream may be asked for its first chunk as the Request is made, never for the rest.
    expect(pulled).toBeLessThanOrEqual(2);
  });

  test("calls keeps the newest requests, up to maxRecordedCalls", async () => {
    const mock = seedMock({ maxRecordedCalls: 3 });
    for (let i = 0; i < 5; i++) await mock.handle(new Request(`http://127.0.0.1/v2/nowhere/${i}`));
    expect(mock.calls.map((c) => c.path)).toEqual(["/v2/nowhere/2", "/v2/nowhere/3", "/v2/nowhere/4"]);
  });
});

describe("over HTTP", () => {
  test("OPTIONS * is answered with what the server allows; another non-path target is a 400", async () => {
    server = await seedServer({ apiKey: KEY });
    const { port } = new URL(server.url);
    const send = (method: string, target: string) =>
      new Promise<{ status: number | undefined; allow: string | undefined; body: string }>(
        (resolve, reject) => {
          const req = httpRequest({ host: "127.0.0.1", port, method, path: target }, (res) => {
            let body = "";
            res.on("data", (chunk) => {
              body += chunk;
            });
            res.on("end", () => resolve({ status: res.statusCode, allow: res.headers.allow, body }));
          });
          req.on("error", reject);
          req.end();
        },
      );
    expect(await send("OPTIONS", "*")).toMatchObject({ status: 204, allow: expect.stringContaining("GET") });
    const proxyForm = await send("GET", "http://elsewhere.test/v2/batches/p");
    expect(proxyForm.status).toBe(400);
    expect(JSON.parse(proxyForm.body).message).toMatch(/must be a path/);
  });

  test("a stalled body is answered 408 after requestTimeoutMs, and the socket is closed", async () => {
    server = await seedServer({ requestTimeoutMs: 300 });
    const { port, pathname } = new URL(server.url);
    const socket = connect(Number(port), "127.0.0.1");
    const answer = new Promise<string>((resolve) => {
      let text = "";
      socket.on("data", (chunk) => {
        text += chunk.toString();
      });
      socket.on("close", () => resolve(text));
    });
    // Headers promise 100 bytes; 10 come, then nothing.
    socket.write(
      `POST ${pathname}/batches/p HTTP/1.1\r\nHost: 127.0.0.1\r\napikey: ${KEY}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"batches"`,
    );
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 408/);
  });

  test("a body over maxBodyBytes is a 413 and is not read to its end", async () => {
    server = await seedServer({ maxBodyBytes: 1024 });
    const url = new URL(`${server.url}/batches/p`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        url,
        { method: "POST", headers: { apikey: KEY, "content-type": "application/json" } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.write("x".repeat(4096));
      // Never ended: the mock answers as soon as the limit is passed.
    });
    expect(status).toBe(413);
  });
});

describe("self-referencing schemas (valid OpenAPI)", () => {
  const tree = {
    openapi: "3.0.3",
    info: { title: "tree", version: "1" },
    servers: [{ url: "http://127.0.0.1/v1" }],
    paths: {
      "/nodes": {
        post: {
          operationId: "postNode",
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/Node" } } },
          },
          responses: { "204": { description: "stored" } },
        },
      },
    },
    components: {
      schemas: {
        Node: {
          type: "object",
          required: ["id"],
          properties: {
            id: { type: "string" },
            file: { type: "string", format: "binary" },
            parent: { $ref: "#/components/schemas/Node" },
          },
        },
      },
    },
  };
  const send = (mock: MockAngo, body: unknown) =>
    mock.handle(
      new Request("http://127.0.0.1/v1/nodes", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    );

  test("a body that refers to itself is validated at every depth, not a stack overflow", async () => {
    const mock = new MockAngo({ document: tree });
    expect((await send(mock, { id: "c", parent: { id: "b", parent: { id: "a" } } })).status).toBe(204);
    const missing = await send(mock, { id: "c", parent: { parent: { id: "a" } } });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toMatch(/parent must have required property 'id'/);
  });
});

describe("path parameters by style", () => {
  const styles = {
    openapi: "3.0.3",
    info: { title: "styles", version: "1" },
    servers: [{ url: "http://127.0.0.1/v1" }],
    paths: {
      "/items/{ids}": {
        get: {
          operationId: "getItems",
          parameters: [
            {
              name: "ids",
              in: "path",
              required: true,
              schema: { type: "array", items: { type: "integer" } },
            },
          ],
          responses: { "204": { description: "ok" } },
        },
      },
      "/points/{point}": {
        get: {
          operationId: "getPoint",
          parameters: [
            {
              name: "point",
              in: "path",
              required: true,
              style: "matrix",
              explode: true,
              schema: {
                type: "object",
                required: ["x"],
                properties: { x: { type: "number" }, y: { type: "number" } },
              },
            },
          ],
          responses: { "204": { description: "ok" } },
        },
      },
    },
  };
  const get = (mock: MockAngo, path: string) => mock.handle(new Request(`http://127.0.0.1/v1${path}`));

  test.each([
    ["a simple array of integers", "/items/1,2,3", 204],
    ["an item that is not an integer", "/items/1,x", 400],
    ["an exploded matrix object", "/points/;x=1.5;y=2", 204],
    ["a matrix object without its required x", "/points/;y=2", 400],
    ["a matrix value without its ';'", "/points/x=1", 400],
  ])("%s", async (_what, path, status) => {
    const mock = new MockAngo({ document: styles });
    expect((await get(mock, path)).status).toBe(status);
  });
});
