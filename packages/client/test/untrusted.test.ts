// The server's answers and the caller's values are untrusted too: each case here once made the client
// loop forever, crash the process, leak the key, or send something other than what the spec says.

import { angoPageShape } from "@ango-hub/test-support/page-shape";
import { afterEach, describe, expect, test } from "vitest";
import type { OperationDescriptor, OperationRequest } from "../src/contract-entry.js";
import { binaryBody } from "../src/encoders.js";
import {
  AngoError,
  AngoInvalidRequestError,
  AngoPaginationError,
  AngoValidationError,
  createAngoRuntime,
  DEFAULT_MAX_PAGES,
  type PageOptions,
} from "../src/index.js";
import { paginate } from "../src/paginate.js";
import { styledParams } from "../src/params.js";
import { fakeFetch, jsonResponse } from "./support/fake-fetch.js";
import { TEST_KEY } from "./support/fixtures.js";
import { startServer } from "./support/loopback.js";

const listProjects: OperationDescriptor = {
  operationId: "listProjects",
  method: "GET",
  path: "/projects",
  params: [
    { name: "page", in: "query" },
    { name: "limit", in: "query" },
  ],
  serializeParams: styledParams,
  response: "json",
  pagination: angoPageShape("projects", 3),
};

/** Answers every page with `page(n)`, the query's page number; records the pages asked for. */
function listServer(page: (n: number) => unknown) {
  const asked: number[] = [];
  const fake = fakeFetch((call) => {
    const n = Number(new URL(call.url).searchParams.get("page"));
    asked.push(n);
    return jsonResponse(200, page(n));
  });
  const runtime = createAngoRuntime({
    apiKey: TEST_KEY,
    server: fake.server,
    fetch: fake.fetch,
    maxRetries: 0,
  });
  return { runtime, asked };
}

async function walk(page: (n: number) => unknown, options?: PageOptions, request: OperationRequest = {}) {
  const { runtime, asked } = listServer(page);
  const items: unknown[] = [];
  let error: unknown;
  try {
    for await (const item of paginate(runtime, listProjects, request, options)) items.push(item);
  } catch (thrown) {
    error = thrown;
  }
  return { items, asked, error };
}

const fullPage = (n: number) => [`p${n}a`, `p${n}b`, `p${n}c`];

describe("page iterators are bounded, whatever the server answers", () => {
  test("the convention: pages until data.total, asking for the spec's page size", async () => {
    const { items, asked, error } = await walk((n) => ({
      data: { projects: n < 3 ? fullPage(n) : ["last"], total: 7 },
    }));
    expect(error).toBeUndefined();
    expect(items).toHaveLength(7);
    expect(asked).toEqual([1, 2, 3]);
  });

  test("full pages and a total of 1e9 stop at DEFAULT_MAX_PAGES with a typed error", async () => {
    const { items, asked, error } = await walk((n) => ({ data: { projects: fullPage(n), total: 1e9 } }));
    expect(error).toBeInstanceOf(AngoPaginationError);
    expect((error as AngoPaginationError).message).toMatch(
      /longer than 1000 pages \(DEFAULT_MAX_PAGES\); pass maxPages/,
    );
    expect(asked).toHaveLength(DEFAULT_MAX_PAGES);
    expect(items).toHaveLength(DEFAULT_MAX_PAGES * 3);
  });

  test.each([
    ["no total", (n: number) => ({ data: { projects: fullPage(n) } })],
    ["total as a string", (n: number) => ({ data: { projects: fullPage(n), total: "5" } })],
  ])("full pages with %s stop at the documented maximum", async (_what, page) => {
    const { asked, error } = await walk(page);
    expect(error).toBeInstanceOf(AngoPaginationError);
    expect(asked).toHaveLength(DEFAULT_MAX_PAGES);
  });

  test("a page that repeats the one before (the server ignores page) stops at once", async () => {
    const { items, asked, error } = await walk(() => ({ data: { projects: fullPage(1), total: 1e9 } }));
    expect((error as AngoPaginationError).message).toBe(
      "listProjects: page 2 repeats the page before it: the server ignores the page number.",
    );
    expect((error as AngoPaginationError).page).toBe(2);
    expect(asked).toEqual([1, 2]);
    expect(items).toEqual(fullPage(1));
  });

  test("more items than limit (the server ignores limit) stops at once", async () => {
    const { items, error } = await walk(() => ({ data: { projects: ["a", "b", "c", "d"], total: 1e9 } }));
    expect((error as Error).message).toMatch(/page 1 answered 4 items for a limit of 3/);
    expect(items).toEqual([]);
  });

  test.each([
    ["an object", { a: 1 }, "object"],
    ["a string", "abc", "string"],
    ["null", null, "null"],
  ])("data.projects as %s is a typed error, not characters or a TypeError", async (_what, value, shown) => {
    const { items, error } = await walk(() => ({ data: { projects: value, total: 3 } }));
    expect(error).toBeInstanceOf(AngoPaginationError);
    expect((error as Error).message).toContain(`answered data.projects as ${shown}, not a list`);
    expect(items).toEqual([]);
  });

  test("maxPages and maxItems end the walk quietly where the caller says", async () => {
    const page = (n: number) => ({ data: { projects: fullPage(n), total: 1e9 } });
    expect((await walk(page, { maxPages: 2 })).items).toEqual([...fullPage(1), ...fullPage(2)]);
    const byItems = await walk(page, { maxItems: 4 });
    expect(byItems.items).toEqual([...fullPage(1), "p2a"]);
    expect(byItems.asked).toEqual([1, 2]);
    expect((await walk(page, { maxPages: 0 })).error).toBeInstanceOf(AngoInvalidRequestError);
  });

  test("a limit above the spec's page size is refused before anything is sent", async () => {
    const { asked, error } = await walk(() => ({}), undefined, { query: { limit: 4 } });
    expect((error as Error).message).toBe("listProjects: limit must be a whole number from 1 to 3.");
    expect(asked).toEqual([]);
  });
});

describe("loggers", () => {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  afterEach(() => {
    process.off("unhandledRejection", onRejection);
  });

  test("an async logger whose promise rejects does not leave an unhandled rejection", async () => {
    process.on("unhandledRejection", onRejection);
    const failing = async () => {
      throw new Error("log sink down");
    };
    const fake = fakeFetch(() => jsonResponse(200, { data: { projects: [] } }));
    const runtime = createAngoRuntime({
      apiKey: TEST_KEY,
      server: fake.server,
      fetch: fake.fetch,
      logLevel: "debug",
      logger: { error: failing, warn: failing, info: failing, debug: failing },
    });
    await runtime.call(listProjects, {});
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rejections).toEqual([]);
  });
});

describe("withResponse() shows what errors show: the key scrubbed", () => {
  test("headers, the URL and the Response copy hold no key", async () => {
    const fake = fakeFetch(() => {
      const response = jsonResponse(
        200,
        { ok: true },
        { "x-echo": `apikey=${TEST_KEY}`, "x-request-id": "r1" },
      );
      Object.defineProperty(response, "url", { value: `https://api.test/v2/projects?key=${TEST_KEY}` });
      return response;
    });
    const runtime = createAngoRuntime({ apiKey: TEST_KEY, server: fake.server, fetch: fake.fetch });
    const answer = await runtime.call(listProjects, {}).withResponse();
    expect(answer.headers.get("x-echo")).toBe("apikey=ak_l...");
    expect(answer.response.headers.get("x-echo")).toBe("apikey=ak_l...");
    expect(answer.url).toBe("https://api.test/v2/projects?key=ak_l…");
    expect(answer.requestId).toBe("r1");
    expect(answer.status).toBe(200);
    expect(JSON.stringify([...answer.response.headers], null, 0)).not.toContain(TEST_KEY);
  });
});

describe("requests are built as the spec's serialisation rules say, or refused", () => {
  const queryOf = (param: Record<string, unknown>, value: unknown) => {
    const operation = {
      operationId: "q",
      method: "GET",
      path: "/q",
      params: [{ name: "f", in: "query", ...param }],
      response: "none",
    } as OperationDescriptor;
    return styledParams(operation, { query: { f: value } }).target.replace(/^\/q\??/, "");
  };

  test("allowReserved keeps reserved characters but never a `#`, which would cut the value", () => {
    expect(queryOf({ allowReserved: true }, "a/b?c=d#e f")).toBe("f=a/b?c=d%23e%20f");
    expect(queryOf({}, "a/b#c")).toBe("f=a%2Fb%23c");
  });

  test("deepObject and form object keys are encoded", () => {
    expect(queryOf({ style: "deepObject" }, { "a b": 1, "x&y": "z" })).toBe("f[a%20b]=1&f[x%26y]=z");
    expect(queryOf({}, { "k=v": 1 })).toBe("k%3Dv=1");
  });

  test("undefined and null array items are absent, not empty values", () => {
    expect(queryOf({}, ["a", undefined, "b", null])).toBe("f=a&f=b");
    expect(queryOf({ explode: false }, ["a", undefined, "b"])).toBe("f=a,b");
  });

  test("a Date travels as its ISO text", () => {
    expect(queryOf({}, new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe("f=2026-01-02T03%3A04%3A05.000Z");
  });

  test("an object inside an array has no serialisation: refused", () => {
    expect(() => queryOf({}, [{ a: 1 }])).toThrow(AngoInvalidRequestError);
  });

  test("a plain path parameter refuses an object instead of sending [object Object]", async () => {
    const fake = fakeFetch(() => jsonResponse(200, {}));
    const runtime = createAngoRuntime({ apiKey: TEST_KEY, server: fake.server, fetch: fake.fetch });
    const getBatch = {
      operationId: "getBatch",
      method: "GET",
      path: "/batches/{id}",
      params: [{ name: "id", in: "path" }],
      response: "json",
    } as OperationDescriptor;
    await expect(runtime.call(getBatch, { path: { id: { x: 1 } } })).rejects.toThrow(
      'getBatch: path parameter "id" must be a string or a number, got an object. Pass the real identifier; nothing was sent.',
    );
    expect(fake.calls).toHaveLength(0);
  });
});

describe("bodies and error bodies", () => {
  test("a ReadableStream body reaches a real server on Node, and a failure is not retried", async () => {
    const server = await startServer((request, response, index) => {
      response.writeHead(index === 0 ? 503 : 200, { "content-type": "application/json" });
      response.end(JSON.stringify({ received: request.body }));
    });
    try {
      const runtime = createAngoRuntime({
        apiKey: TEST_KEY,
        server: `${server.origin}/v2`,
        retry: { baseDelayMs: 0 },
      });
      const upload = {
        operationId: "upload",
        method: "PUT",
        path: "/upload",
        params: [],
        body: { mediaType: "application/octet-stream", required: true, encode: binaryBody },
        response: "json",
      } as OperationDescriptor;
      const stream = () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode("chunk-1,"));
            controller.enqueue(new TextEncoder().encode("chunk-2"));
            controller.close();
          },
        });
      // 503 first: a stream cannot be sent twice, so the failure comes back as it is.
      await expect(runtime.call(upload, { body: stream() })).rejects.toMatchObject({ status: 503 });
      expect(server.requests).toHaveLength(1);
      expect(await runtime.call(upload, { body: stream() })).toEqual({ received: "chunk-1,chunk-2" });
      expect(server.requests[1]?.body).toBe("chunk-1,chunk-2");
    } finally {
      await server.close();
    }
  });

  test("a 10,000-level JSON error body is a typed API error with its text, not a stack overflow retried", async () => {
    const deep = `${"[".repeat(10_000)}"${TEST_KEY}"${"]".repeat(10_000)}`;
    const fake = fakeFetch(
      () => new Response(deep, { status: 400, headers: { "content-type": "application/json" } }),
    );
    const runtime = createAngoRuntime({ apiKey: TEST_KEY, server: fake.server, fetch: fake.fetch });
    const error = await runtime.call(listProjects, {}).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AngoValidationError);
    expect(error).toBeInstanceOf(AngoError);
    expect(typeof (error as AngoValidationError).body).toBe("string");
    expect(JSON.stringify((error as AngoValidationError).body)).not.toContain(TEST_KEY);
    expect(fake.calls).toHaveLength(1);
  });
});
