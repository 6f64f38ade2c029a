// The server as clients reach it: over Streamable HTTP on loopback (the key per session, Host and Origin
// checked against DNS rebinding), and the built `ango-mcp` command spawned over stdio by the SDK's client,
// calling a mock Ango server on loopback.
import { request } from "node:http";
import { fileURLToPath } from "node:url";
import { type MockAngoServer, startMockAngoServer } from "@ango-hub/testing";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { serveHttp } from "../src/http.js";
import { mockHandlers, openApiDocument } from "./generated/openapi-document.js";
import { KEY } from "./support/connect.js";
import { seedCatalog } from "./support/seed-catalog.js";

const ARGS = { projectId: "p1", body: { batches: [{ name: "Batch 1" }] } };
let ango: MockAngoServer;
let closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  ango = await startMockAngoServer({
    apiKey: KEY,
    document: structuredClone(openApiDocument),
    handlers: mockHandlers,
  });
});
afterAll(() => ango.close());
afterEach(async () => {
  for (const close of closers.reverse()) await close();
  closers = [];
});

async function served() {
  const http = await serveHttp({ catalog: seedCatalog, server: ango.url, maxRetries: 0 });
  closers.push(() => http.close());
  return http;
}

async function httpClient(url: string, headers: Record<string, string>) {
  const client = new Client({ name: "test", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  closers.push(() => client.close());
  return client;
}

const post = (url: string, headers: Record<string, string>) =>
  fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...headers,
    },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } },
    }),
  });

describe("Streamable HTTP", () => {
  test("listens on loopback; a session lists the tools and calls one with the key from its header", async () => {
    const http = await served();
    expect(http.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const client = await httpClient(http.url, { authorization: `Bearer ${KEY}` });
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(["update_project_batches"]);
    const result = await client.callTool({ name: "update_project_batches", arguments: ARGS });
    expect(result.isError).toBeUndefined();
    expect(ango.mock.calls.at(-1)).toEqual(expect.objectContaining({ valid: true }));
  });

  test("refuses a request without a key, from a foreign Origin or for a foreign Host", async () => {
    const http = await served();
    const port = new URL(http.url).port;
    const noKey = await post(http.url, {});
    expect([noKey.status, (await noKey.json()).error.message]).toEqual([
      401,
      "Unauthorized: send your Ango Hub API key as Authorization: Bearer <key>.",
    ]);
    const auth = { authorization: `Bearer ${KEY}` };
    expect((await post(http.url, { ...auth, origin: "https://evil.example" })).status).toBe(403);
    // A DNS-rebound name pointing at loopback: the Host header gives it away.
    // (fetch sets Host from the URL, so the request is written with node:http.)
    const rebound = await new Promise<number | undefined>((resolve, reject) =>
      request(http.url, { method: "GET", headers: { ...auth, host: `evil.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      })
        .on("error", reject)
        .end(),
    );
    expect(rebound).toBe(403);
    expect((await post(http.url, { ...auth, origin: `http://localhost:${port}` })).status).toBe(200);
  });

  test("a session answers only to the key that opened it", async () => {
    const http = await served();
    const opened = await post(http.url, { authorization: `Bearer ${KEY}` });
    const session = opened.headers.get("mcp-session-id") ?? "";
    expect(session).not.toBe("");
    const other = await fetch(http.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        authorization: "Bearer another-key",
        "mcp-session-id": session,
        "mcp-protocol-version": "2025-11-25",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" }),
    });
    expect(other.status).toBe(403);
  });
});

describe("ango-mcp over stdio", () => {
  test("the built command serves the spec's tools; standard output carries only protocol messages", async () => {
    const stderr: string[] = [];
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [fileURLToPath(new URL("../bin/ango-mcp.js", import.meta.url)), "--max-retries", "0"],
      env: { PATH: process.env.PATH ?? "", ANGO_API_KEY: KEY, ANGO_BASE_URL: ango.url },
      stderr: "pipe",
    });
    transport.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
    const client = new Client({ name: "test", version: "1.0.0" });
    // A line on stdout that is not a protocol message fails the client's parse and the connection.
    await client.connect(transport);
    closers.push(() => client.close());
    expect(client.getServerVersion()?.name).toBe("ango-hub");
    const { tools } = await client.listTools();
    expect(tools.length).toBe((await import("../src/generated/tools.js")).tools.length);
    expect(tools.length).toBeGreaterThan(0);
    expect(stderr.join("")).not.toContain(KEY);
  });
});
