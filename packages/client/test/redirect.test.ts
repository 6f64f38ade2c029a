import { afterEach, describe, expect, test } from "vitest";
import { AngoRedirectError } from "../src/index.js";
import { TEST_KEY } from "./support/fixtures.js";
import { json, type LoopbackServer, startServer } from "./support/loopback.js";
import { createSeedClient, createSeedRawClient } from "./support/seed-client.js";

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(...args: Parameters<typeof startServer>) {
  const server = await startServer(...args);
  servers.push(server);
  return server;
}

describe("redirects never carry the key to another origin", () => {
  test("a cross-origin 307 is not followed: the other server gets nothing", async () => {
    const attacker = await serve((_req, res) => json(res, 200, {}));
    const api = await serve((req, res) => {
      res.writeHead(307, { location: `${attacker.origin}${req.url}` });
      res.end();
    });
    const ango = createSeedClient({ apiKey: TEST_KEY, server: api.origin });
    const call = ango.updateProjectBatches({ projectId: "p", body: { batches: [{ name: "b" }] } });
    await expect(call).rejects.toBeInstanceOf(AngoRedirectError);
    await expect(call).rejects.toMatchObject({ status: 307, location: attacker.origin });
    expect(attacker.requests).toHaveLength(0);
    expect(api.requests).toHaveLength(1);
  });

  test("the raw client is protected the same way", async () => {
    const attacker = await serve((_req, res) => json(res, 200, {}));
    const api = await serve((_req, res) => {
      res.writeHead(302, { location: `${attacker.origin}/steal` });
      res.end();
    });
    const raw = createSeedRawClient({ apiKey: TEST_KEY, server: api.origin });
    await expect(
      raw.POST("/batches/{projectId}", { params: { path: { projectId: "p" } }, body: { batches: [] } }),
    ).rejects.toBeInstanceOf(AngoRedirectError);
    expect(attacker.requests).toHaveLength(0);
  });

  test('the raw client ignores redirect: "follow": a cross-origin 307 never receives the key', async () => {
    const attacker = await serve((_req, res) => json(res, 200, {}));
    const api = await serve((_req, res) => {
      res.writeHead(307, { location: `${attacker.origin}/steal` });
      res.end();
    });
    const raw = createSeedRawClient({ apiKey: TEST_KEY, server: api.origin });
    await expect(
      raw.GET(
        "/batches/{projectId}" as never,
        { params: { path: { projectId: "p" } }, redirect: "follow" } as never,
      ),
    ).rejects.toBeInstanceOf(AngoRedirectError);
    expect(attacker.requests).toHaveLength(0);
    expect(api.requests).toHaveLength(1);
  });

  test("a same-origin 307/308 is followed with method, body and key", async () => {
    let origin = "";
    const api = await serve((_req, res, index) => {
      if (index === 0) {
        res.writeHead(307, { location: "/v2/moved/batches/p" });
        return void res.end();
      }
      if (index === 1) {
        res.writeHead(308, { location: `${origin}/v2/final` });
        return void res.end();
      }
      json(res, 200, { status: "success" });
    });
    origin = api.origin;
    const ango = createSeedClient({ apiKey: TEST_KEY, server: `${api.origin}/v2` });
    const result = await ango.updateProjectBatches({ projectId: "p", body: { batches: [{ name: "b" }] } });
    expect(result).toEqual({ status: "success" });
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "POST /v2/batches/p",
      "POST /v2/moved/batches/p",
      "POST /v2/final",
    ]);
    for (const request of api.requests) {
      expect(request.headers.apikey).toBe(TEST_KEY);
      expect(request.body).toBe('{"batches":[{"name":"b"}]}');
    }
  });

  test("a same-origin 303 becomes a GET without body", async () => {
    const api = await serve((_req, res, index) => {
      if (index === 0) {
        res.writeHead(303, { location: "/result/1" });
        return void res.end();
      }
      json(res, 200, { status: "done" });
    });
    const ango = createSeedClient({ apiKey: TEST_KEY, server: api.origin });
    expect(await ango.updateProjectBatches({ projectId: "p", body: { batches: [] } })).toEqual({
      status: "done",
    });
    expect(api.requests.map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual([
      'POST /batches/p {"batches":[]}',
      "GET /result/1 ",
    ]);
    expect(api.requests[1]?.headers["content-type"]).toBeUndefined();
  });

  test("a redirect loop stops after five hops", async () => {
    const api = await serve((_req, res) => {
      res.writeHead(307, { location: "/loop" });
      res.end();
    });
    const ango = createSeedClient({ apiKey: TEST_KEY, server: api.origin });
    await expect(ango.updateProjectBatches({ projectId: "p", body: { batches: [] } })).rejects.toThrow(
      /more than 5 redirects/,
    );
    expect(api.requests).toHaveLength(6);
  });

  test("the raw client returns a same-origin 307 of a POST unfollowed (its body cannot be read twice)", async () => {
    const api = await serve((_req, res) => {
      res.writeHead(307, { location: "/elsewhere" });
      res.end();
    });
    const raw = createSeedRawClient({ apiKey: TEST_KEY, server: api.origin });
    const { response } = await raw.POST("/batches/{projectId}", {
      params: { path: { projectId: "p" } },
      body: { batches: [] },
    });
    expect(response.status).toBe(307);
    expect(api.requests).toHaveLength(1);
  });

  test("a browser's opaque redirect (target hidden) is an AngoRedirectError, not a retried failure", async () => {
    // What fetch returns in a browser for redirect: "manual"; Node never produces it, so it is made here.
    const opaque = { type: "opaqueredirect", status: 0, ok: false, headers: new Headers(), body: null };
    let sent = 0;
    const ango = createSeedClient({
      apiKey: TEST_KEY,
      server: "https://ango.test/v2",
      fetch: async () => {
        sent++;
        return opaque as unknown as Response;
      },
    });
    const error = await ango.updateProjectBatches({ projectId: "p", body: { batches: [] } }).catch((e) => e);
    expect(error).toBeInstanceOf(AngoRedirectError);
    expect(error).toMatchObject({ status: 0, method: "POST", location: "" });
    expect(error.message).toBe(
      "A redirect from POST https://ango.test/v2/batches/p not followed: browsers hide the target.",
    );
    expect(sent).toBe(1);
  });
});
