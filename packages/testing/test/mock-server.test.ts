import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { AngoAuthenticationError, AngoConnectionError, AngoValidationError } from "@ango-hub/client";
import { afterEach, describe, expect, test } from "vitest";
import { MockAngo, type MockAngoServer } from "../src/index.js";
import { seedClient, seedMock, seedServer } from "./support/seed.js";

/** A file of the spec package (the vendor's document and the docs' examples), by name. */
const specFile = (name: string) => createRequire(import.meta.url).resolve(`@ango-hub/spec/${name}`);

const KEY = "mock-test-key-123456";
const docsExampleResponse = JSON.parse(readFileSync(specFile("examples/docs-example-response.json"), "utf8"));

let server: MockAngoServer;
afterEach(async () => server?.close());

describe("startMockAngoServer", () => {
  test("listens on 127.0.0.1 on an OS-picked port, under the document's /v2 path, and really closes", async () => {
    server = await seedServer();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);
    const ango = seedClient({ apiKey: KEY, server: server.url, maxRetries: 0 });
    await ango.updateProjectBatches({ projectId: "p", body: { batches: [] } });
    await server.close();
    await expect(ango.updateProjectBatches({ projectId: "p", body: { batches: [] } })).rejects.toBeInstanceOf(
      AngoConnectionError,
    );
  });

  test("401 without a key, and with a wrong one when a key is configured, each saying which", async () => {
    server = await seedServer({ apiKey: KEY });
    const noKey = await fetch(`${server.url}/batches/p`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"batches":[]}',
    });
    expect([noKey.status, await noKey.json()]).toEqual([
      401,
      { status: "error", message: "Unauthorized: send your API key in the apikey header." },
    ]);
    const wrong = seedClient({ apiKey: "not-the-key", server: server.url });
    const error = (await wrong
      .updateProjectBatches({ projectId: "p", body: { batches: [] } })
      .catch((e: unknown) => e)) as AngoAuthenticationError;
    expect(error).toBeInstanceOf(AngoAuthenticationError);
    expect(error.message).toContain(
      "Unauthorized: the key in the apikey header is not the one this mock accepts (its apiKey option).",
    );
    expect(server.mock.calls.map((c) => [c.status, c.valid, c.reason])).toEqual([
      [401, false, "no apikey header"],
      [401, false, "wrong key in the apikey header"],
    ]);
    // Every answer has a request id, as Ango's do: the client's error carries it.
    expect(noKey.headers.get("x-request-id")).toBe(server.mock.calls[0]?.requestId);
    expect(error.requestId).toBe(server.mock.calls[1]?.requestId);
    expect(new Set(server.mock.calls.map((c) => c.requestId)).size).toBe(2);
  });

  test("an x-request-id respond() gives is kept", async () => {
    server = await seedServer({
      respond: () => ({ status: 409, body: { message: "busy" }, headers: { "X-Request-Id": "req-7" } }),
    });
    const error = await seedClient({ apiKey: KEY, server: server.url, maxRetries: 0 })
      .updateProjectBatches({ projectId: "p", body: { batches: [] } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409, requestId: "req-7" });
    expect(server.mock.calls[0]?.requestId).toBe("req-7");
  });

  test("400 with a readable reason for an invalid body; nothing is stored", async () => {
    server = await seedServer();
    const ango = seedClient({ apiKey: KEY, server: server.url });
    const error = (await ango
      .updateProjectBatches({ projectId: "p", body: { batches: [{ nmae: "typo" }] } as never })
      .catch((e: unknown) => e)) as AngoValidationError;
    expect(error).toBeInstanceOf(AngoValidationError);
    expect(error.message).toBe(
      `400 from POST ${server.url}/batches/p: Invalid request: /requestBody/batches/0 must have required property 'name'`,
    );
    expect(server.mock.batches("p")).toEqual([]);

    const notJson = await fetch(`${server.url}/batches/p`, {
      method: "POST",
      headers: { apikey: KEY, "content-type": "application/json" },
      body: "{not json",
    });
    expect([notJson.status, await notJson.json()]).toEqual([
      400,
      { status: "error", message: "Invalid JSON body" },
    ]);
    const wrongType = await fetch(`${server.url}/batches/p`, {
      method: "POST",
      headers: { apikey: KEY, "content-type": "text/plain" },
      body: '{"batches":[]}',
    });
    expect(wrongType.status).toBe(415);
  });

  test("keeps batches per project and assigns an _id to new ones", async () => {
    server = await seedServer();
    const ango = seedClient({ apiKey: KEY, server: server.url });
    const first = await ango.updateProjectBatches({ projectId: "p1", body: { batches: [{ name: "A" }] } });
    const assigned = first.data?.project?.batches?.[0]?._id;
    expect(assigned).toMatch(/^[0-9a-f]{24}$/);
    await ango.updateProjectBatches({
      projectId: "p1",
      body: {
        batches: [
          { _id: assigned, name: "A renamed" },
          { _id: "507f1f77bcf86cd799439011", name: "B" },
        ],
      },
    });
    await ango.updateProjectBatches({ projectId: "p2", body: { batches: [{ name: "other" }] } });
    expect(server.mock.batches("p1")).toEqual([
      { _id: assigned, name: "A renamed" },
      { _id: "507f1f77bcf86cd799439011", name: "B" },
    ]);
    expect(server.mock.batches("p2").map((b) => b.name)).toEqual(["other"]);
    expect(server.mock.batches("unknown")).toEqual([]);
  });

  test("every answer is a ProjectResponse valid against the spec", async () => {
    server = await seedServer();
    const ango = seedClient({ apiKey: KEY, server: server.url });
    const response = await ango.updateProjectBatches({ projectId: "p", body: { batches: [{ name: "x" }] } });
    expect(server.mock.validateResponse(response, "updateProjectBatches")).toEqual({
      valid: true,
      errors: [],
    });
    expect(server.mock.validateResponse({ status: 1 }, "updateProjectBatches").valid).toBe(false);
    expect(server.mock.validateResponse(docsExampleResponse, "updateProjectBatches").valid).toBe(true);
  });

  test("respond() serves your own answer after validation", async () => {
    server = await seedServer({
      respond: ({ params }) =>
        params.projectId === "docs"
          ? { status: 200, body: docsExampleResponse }
          : { status: 409, body: { message: "busy" } },
    });
    const ango = seedClient({ apiKey: KEY, server: server.url });
    expect(await ango.updateProjectBatches({ projectId: "docs", body: { batches: [] } })).toEqual(
      docsExampleResponse,
    );
    await expect(ango.updateProjectBatches({ projectId: "x", body: { batches: [] } })).rejects.toMatchObject({
      status: 409,
    });
  });

  test("a body given for 204, 205 or 304 is dropped (HTTP sends none), not a crash", async () => {
    for (const status of [204, 205, 304]) {
      const mock = seedMock({ respond: () => ({ status, body: { not: "sent" } }) });
      const response = await mock.handle(
        new Request("http://127.0.0.1/v2/batches/p", {
          method: "POST",
          headers: { apikey: KEY, "content-type": "application/json" },
          body: JSON.stringify({ batches: [] }),
        }),
      );
      expect([response.status, await response.text()]).toEqual([status, ""]);
    }
  });
});

describe("a document whose key is a bearer token", () => {
  const bearerDocument = {
    openapi: "3.0.3",
    info: { title: "bearer", version: "1" },
    servers: [{ url: "http://127.0.0.1/v1" }],
    security: [{ Token: [] }],
    components: { securitySchemes: { Token: { type: "http", scheme: "bearer" } } },
    paths: { "/ping": { get: { operationId: "ping", responses: { "204": { description: "pong" } } } } },
  };

  test("the key is read after `Bearer ` (in any case) in Authorization; anything else is a 401 saying so", async () => {
    const mock = new MockAngo({ document: bearerDocument, apiKey: KEY });
    const ping = async (headers: Record<string, string>) =>
      (await mock.handle(new Request("http://127.0.0.1/v1/ping", { headers }))).status;
    expect(await ping({ authorization: `Bearer ${KEY}` })).toBe(204);
    expect(await ping({ authorization: `bearer ${KEY}` })).toBe(204);
    expect(await ping({ authorization: KEY })).toBe(401);
    expect(await ping({ authorization: "Bearer not-the-key" })).toBe(401);
    expect(await ping({ apikey: KEY })).toBe(401);
    expect(mock.calls.map((c) => c.reason).slice(2)).toEqual([
      "wrong key in the authorization header",
      "wrong key in the authorization header",
      "no authorization header",
    ]);
    const none = await mock.handle(new Request("http://127.0.0.1/v1/ping"));
    expect((await none.json()).message).toBe(
      'Unauthorized: send your API key in the authorization header as "Bearer <key>".',
    );
  });
});
