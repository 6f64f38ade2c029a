import { afterEach, describe, expect, test } from "vitest";
import type { ApiAccess } from "../src/config.js";
import { AngoInvalidRequestError, createAngoRuntime } from "../src/index.js";
import { AngoRuntime } from "../src/runtime.js";
import { docsExampleRequest, docsExampleResponse, TEST_KEY } from "./support/fixtures.js";
import { json, type LoopbackServer, startServer } from "./support/loopback.js";
import {
  createSeedClient,
  createSeedRawClient,
  seedAccess,
  updateProjectBatches,
} from "./support/seed-client.js";

let server: LoopbackServer;
afterEach(async () => server?.close());

describe("what goes on the wire", () => {
  test("the docs example: POST /v2/batches/{id}, apikey header, minified JSON body, typed result", async () => {
    server = await startServer((_req, res) => json(res, 200, docsExampleResponse));
    const ango = createSeedClient({ apiKey: TEST_KEY, server: `${server.origin}/v2` });
    const result = await ango.updateProjectBatches({ projectId: "p-123", body: docsExampleRequest });

    expect(result).toEqual(docsExampleResponse);
    expect(result.data?.project?.batches?.[0]?.name).toBe("Batch 1");
    const [request] = server.requests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/v2/batches/p-123");
    expect(request?.headers.apikey).toBe(TEST_KEY);
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.body).toBe('{"batches":[{"_id":"507f1f77bcf86cd799439011","name":"Batch 1"}]}');
    // The docs page shows Content-Length: 65 for this body.
    expect(request?.headers["content-length"]).toBe("65");
  });

  test("path parameters are percent-encoded into one segment", async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const ango = createSeedClient({ apiKey: TEST_KEY, server: server.origin });
    await ango.updateProjectBatches({ projectId: "a/b?c#d", body: { batches: [] } });
    expect(server.requests[0]?.url).toBe("/batches/a%2Fb%3Fc%23d");
  });

  test("default headers and per-call headers are sent; neither can replace the key", async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    expect(() =>
      createSeedClient({ apiKey: TEST_KEY, server: server.origin, headers: { ApiKey: "someone-else" } }),
    ).toThrow(/"ApiKey" is the API key header/);
    const ango = createSeedClient({
      apiKey: TEST_KEY,
      server: server.origin,
      headers: { "x-team": "vision" },
    });
    await expect(
      ango.updateProjectBatches({ projectId: "p", body: { batches: [] } }, { headers: { APIKEY: "x" } }),
    ).rejects.toThrow(AngoInvalidRequestError);
    await ango.updateProjectBatches(
      { projectId: "p", body: { batches: [] } },
      { headers: { "x-trace": "t1" } },
    );
    expect(server.requests[0]?.headers).toMatchObject({
      "x-team": "vision",
      "x-trace": "t1",
      apikey: TEST_KEY,
    });
  });

  test("a bearer scheme sends the key as Authorization: Bearer <key>, which no other header may replace", async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const bearer: ApiAccess = {
      ...seedAccess,
      apiKeyScheme: { in: "header", name: "Authorization", prefix: "Bearer " },
    };
    expect(
      () =>
        new AngoRuntime({ apiKey: TEST_KEY, server: server.origin, headers: { authorization: "x" } }, bearer),
    ).toThrow(/"authorization" is the API key header/);
    const runtime = new AngoRuntime({ apiKey: TEST_KEY, server: server.origin }, bearer);
    await updateProjectBatches(runtime, { projectId: "p", body: { batches: [] } });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(server.requests[0]?.headers.apikey).toBeUndefined();
  });

  test("standalone functions work with a runtime that has no operation methods", async () => {
    server = await startServer((_req, res) => json(res, 200, { status: "success" }));
    const runtime = createAngoRuntime({ apiKey: TEST_KEY, server: server.origin });
    expect(await updateProjectBatches(runtime, { projectId: "p", body: { batches: [] } })).toEqual({
      status: "success",
    });
  });

  test("the raw openapi-fetch client sends the key and keeps its { data, error, response } style", async () => {
    server = await startServer((_req, res) => json(res, 200, docsExampleResponse));
    const raw = createSeedRawClient({ apiKey: TEST_KEY, server: server.origin });
    const { data, error, response } = await raw.POST("/batches/{projectId}", {
      params: { path: { projectId: "p" } },
      body: { batches: [{ name: "Batch 1" }] },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.data?.project?.name).toBe("text");
    expect(server.requests[0]?.headers.apikey).toBe(TEST_KEY);
  });

  test("the raw client refuses to send the key to another origin", async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const other = await startServer((_req, res) => json(res, 200, {}));
    try {
      const raw = createSeedRawClient({ apiKey: TEST_KEY, server: server.origin });
      await expect(
        raw.POST("/batches/{projectId}", {
          baseUrl: other.origin,
          params: { path: { projectId: "p" } },
          body: { batches: [] },
        }),
      ).rejects.toThrow(AngoInvalidRequestError);
      expect(other.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });
});
