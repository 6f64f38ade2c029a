// Every fault typed and bounded, on an injected fetch with fake timers: no sockets, no real waiting.
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import {
  AngoConfigError,
  AngoConnectionError,
  AngoError,
  AngoInvalidRequestError,
  AngoServerError,
  AngoTimeoutError,
  AngoValidationError,
  createAngoRuntime,
} from "../src/index.js";
import {
  fakeClient,
  fakeFetch,
  hangUntilAborted,
  jsonResponse,
  statusSequence,
} from "./support/fake-fetch.js";
import { recordingLogger, TEST_KEY } from "./support/fixtures.js";
import { createSeedClient, updateProjectBatches } from "./support/seed-client.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

const input = { projectId: "p", body: { batches: [{ name: "b" }] } };

describe("options: one rule each, checked before anything is sent", () => {
  const base = { apiKey: TEST_KEY, fetch: fakeFetch(statusSequence()).fetch };
  test.each([
    [{ timeoutMs: 2 ** 31 }, /timeoutMs must be a number of milliseconds from 1 to 2147483647/],
    [{ timeoutMs: Number.NaN }, /timeoutMs must be/],
    [{ maxRetries: 1.5 }, /maxRetries must be a whole number from 0 to 100/],
    [{ maxRetries: 1e9 }, /maxRetries must be a whole number from 0 to 100/],
    [{ retry: { baseDelayMs: -1 } }, /retry.baseDelayMs must be a number of milliseconds from 0/],
    [{ retry: { maxDelayMs: Number.POSITIVE_INFINITY } }, /retry.maxDelayMs must be/],
    [{ retry: { maxRetryAfterMs: 2 ** 40 } }, /retry.maxRetryAfterMs must be/],
    [
      { retry: { baseDelay: 5 } },
      /Unknown retry option "baseDelay". Valid: baseDelayMs, maxDelayMs, maxRetryAfterMs/,
    ],
    [{ timeout: 5 }, /Unknown option "timeout". Valid: apiKey, server/],
    [{ server: "https://h/v2?" }, /without credentials, query or fragment.*, got "https:\/\/h\/v2\?"/],
    [{ server: "https://h/v2#" }, /without credentials, query or fragment.*, got "https:\/\/h\/v2#"/],
    // Credentials and a query are never echoed: they may be a password or the key.
    [
      { server: "https://user:SECRET@h/v2?key=SECRET2" },
      /, got "https:\/\/\*\*\*@h\/v2\?\*\*\*" \(credentials, query and fragment hidden\)\.$/,
    ],
    [{ server: "u:SECRET@h/v2" }, /, got "\*\*\*@h\/v2" \(credentials, query and fragment hidden\)\.$/],
    [{ server: 42 }, /server must be one of "[^"]+"(, "[^"]+")* or an http\(s\) base URL.*, got 42/],
    [{ headers: { "x-a": "line\nbreak" } }, /headers: "x-a" has a value fetch cannot send/],
    [{ headers: { "bad name": "v" } }, /is not a valid header name/],
    [{ logLevel: "verbose" }, /logLevel \(or ANGO_LOG\) must be one of off, error, warn, info, debug/],
    [{ logger: { debug() {} } }, /logger must have error, warn, info and debug methods/],
    [{ allowInsecureHttp: "yes" }, /allowInsecureHttp must be true or false/],
  ])("%j is refused", (options, message) => {
    expect(() => createSeedClient({ ...base, ...(options as object) })).toThrow(AngoConfigError);
    expect(() => createSeedClient({ ...base, ...(options as object) })).toThrow(message);
  });

  test("per-call options follow the same rules", async () => {
    const { ango, ...fake } = fakeClient(statusSequence());
    await expect(ango.updateProjectBatches(input, { timeoutMs: 2 ** 31 })).rejects.toThrow(
      /timeoutMs must be/,
    );
    await expect(ango.updateProjectBatches(input, { maxRetries: -1 })).rejects.toThrow(/maxRetries must be/);
    await expect(ango.updateProjectBatches(input, { timeout: 1 } as never)).rejects.toThrow(
      /Unknown call option "timeout"/,
    );
    await expect(ango.updateProjectBatches(input, { signal: {} as AbortSignal })).rejects.toThrow(
      /signal must be an AbortSignal/,
    );
    expect(fake.calls).toHaveLength(0);
  });

  test("ANGO_LOG sets the level; logLevel wins over it", async () => {
    vi.stubEnv("ANGO_LOG", "debug");
    const lines: string[] = [];
    const fake = fakeFetch(statusSequence());
    const options = {
      apiKey: TEST_KEY,
      server: fake.server,
      fetch: fake.fetch,
      logger: recordingLogger(lines),
    };
    await createSeedClient(options).updateProjectBatches(input);
    expect(lines).toEqual([`debug [ango] POST ${fake.server}/batches/p {"headers":{"apikey":"ak_l…"}}`]);
    await createSeedClient({ ...options, logLevel: "off" }).updateProjectBatches(input);
    expect(lines).toHaveLength(1);
    vi.stubEnv("ANGO_LOG", "loud");
    expect(() => createSeedClient(options)).toThrow(/ANGO_LOG/);
  });
});

describe("input that fetch would refuse is an AngoInvalidRequestError, never a retried connection failure", () => {
  test.each([
    ["a lone surrogate in a path parameter", { projectId: "a\uD800b" }, /lone UTF-16 surrogate/],
    ["a dot-dot path parameter", { projectId: ".." }, /would change the URL's path/],
    ["an empty path parameter", { projectId: "" }, /is empty/],
  ])("%s", async (_label, path, message) => {
    const { ango, ...fake } = fakeClient(statusSequence());
    const call = ango.updateProjectBatches({ ...input, ...path });
    await expect(call).rejects.toBeInstanceOf(AngoInvalidRequestError);
    await expect(call).rejects.toThrow(message);
    expect(fake.calls).toHaveLength(0);
  });

  test("a per-call header value fetch rejects", async () => {
    const { ango, ...fake } = fakeClient(statusSequence());
    const call = ango.updateProjectBatches(input, { headers: { "x-note": "caf\u00e9 \u2603" } });
    await expect(call).rejects.toBeInstanceOf(AngoInvalidRequestError);
    await expect(call).rejects.toThrow(/"x-note" has a value fetch cannot send/);
    expect(fake.calls).toHaveLength(0);
  });
});

describe("nothing outlives a call", () => {
  test("a throwing logger neither fails the call nor leaves its timer running", async () => {
    const fake = fakeFetch(statusSequence());
    const explode = () => {
      throw new Error("logger down");
    };
    const ango = createSeedClient({
      apiKey: TEST_KEY,
      server: fake.server,
      fetch: fake.fetch,
      logLevel: "debug",
      logger: { error: explode, warn: explode, info: explode, debug: explode },
    });
    expect(await ango.updateProjectBatches(input)).toEqual({ status: "success" });
    expect(vi.getTimerCount()).toBe(0);
  });

  test("a hung server times out per attempt; no timer or abort listener is left behind", async () => {
    const fake = fakeFetch(hangUntilAborted);
    const caller = new AbortController();
    const listeners = vi.spyOn(caller.signal, "removeEventListener");
    const ango = createSeedClient({
      apiKey: TEST_KEY,
      server: fake.server,
      fetch: fake.fetch,
      timeoutMs: 1_000,
    });
    const call = ango.updateProjectBatches(input, { signal: caller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    const error = await call;
    expect(error).toBeInstanceOf(AngoTimeoutError);
    expect(fake.calls).toHaveLength(1); // a POST without _id is not repeated after a timeout
    expect(vi.getTimerCount()).toBe(0);
    expect(listeners).toHaveBeenCalledWith("abort", expect.any(Function));
  });
});

describe("retry safety is judged on the body as sent", () => {
  test("adding _id to the caller's object after sending does not make a 500 retryable", async () => {
    const { ango, ...fake } = fakeClient(statusSequence(500, 500));
    const body = { batches: [{ name: "b" }] as { _id?: string; name: string }[] };
    const call = ango.updateProjectBatches({ projectId: "p", body }).catch((e: unknown) => e);
    (body.batches[0] as { _id?: string })._id = "507f1f77bcf86cd799439011";
    expect(await call).toBeInstanceOf(AngoServerError);
    expect(fake.calls).toHaveLength(1);
  });

  test("a body sent with every _id is retried on 500, with backoff on the fake clock", async () => {
    const { ango, ...fake } = fakeClient(statusSequence(500));
    const call = ango.updateProjectBatches({ projectId: "p", body: { batches: [{ _id: "b1", name: "b" }] } });
    await vi.advanceTimersByTimeAsync(500);
    expect(await call).toEqual({ status: "success" });
    expect(fake.calls).toHaveLength(2);
  });
});

describe("the key never leaves in an error", () => {
  const oddKey = 'ak_"quoted"\\back\\slash_0123';
  const views = (error: unknown) =>
    [
      String(error),
      (error as Error).stack,
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
      JSON.stringify((error as { body?: unknown }).body),
      [...((error as { headers?: Headers }).headers ?? new Headers())].join("\n"),
    ].join("\n");

  test("echoed in a response header and, JSON-escaped, in the body", async () => {
    const fake = fakeFetch(() =>
      jsonResponse(400, { message: `bad key ${oddKey}`, echo: { [oddKey]: [oddKey] } }, { "x-echo": oddKey }),
    );
    const ango = createSeedClient({ apiKey: oddKey, server: fake.server, fetch: fake.fetch });
    const error = await ango.updateProjectBatches(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AngoValidationError);
    expect((error as AngoValidationError).headers.get("x-echo")).toBe('ak_"...');
    expect(views(error)).not.toContain(oddKey);
    expect(views(error)).not.toContain(JSON.stringify(oddKey).slice(1, -1));
  });

  test("echoed by a failing fetch's message", async () => {
    const fake = fakeFetch(() => {
      throw new TypeError(`fetch failed for ${oddKey}`);
    });
    const ango = createSeedClient({ apiKey: oddKey, server: fake.server, fetch: fake.fetch, maxRetries: 0 });
    const error = await ango.updateProjectBatches(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AngoError);
    expect(views(error)).not.toContain(oddKey);
    expect(inspect((error as Error).cause)).not.toContain(oddKey);
  });

  test("a failed fetch keeps its causes, as undici gives them: names, messages and codes, the key scrubbed", async () => {
    // undici's shapes: a bad port is a TypeError with a plain Error cause and no code; a refused
    // connection has a cause with `code` (and an AggregateError of attempts when there are several).
    const badPort = new TypeError("fetch failed", { cause: new Error(`bad port ${oddKey}`) });
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }),
    });
    const errors: AngoConnectionError[] = [];
    for (const thrown of [badPort, refused]) {
      const fake = fakeFetch(() => {
        throw thrown;
      });
      const ango = createSeedClient({
        apiKey: oddKey,
        server: fake.server,
        fetch: fake.fetch,
        maxRetries: 0,
      });
      errors.push((await ango.updateProjectBatches(input).catch((e: unknown) => e)) as AngoConnectionError);
    }
    const [port, connection] = errors as [AngoConnectionError, AngoConnectionError];
    expect(port).toBeInstanceOf(AngoConnectionError);
    expect(port.message).toMatch(/ failed: fetch failed: bad port ak_"…$/);
    expect(port.code).toBeUndefined();
    expect(port.cause).toMatchObject({ name: "TypeError", message: "fetch failed" });
    expect((port.cause as Error).cause).toMatchObject({ name: "Error", message: 'bad port ak_"…' });
    expect(connection.code).toBe("ECONNREFUSED");
    expect(connection.message).toMatch(/ failed: ECONNREFUSED$/);
    expect((connection.cause as Error).cause).toMatchObject({
      code: "ECONNREFUSED",
      message: "connect ECONNREFUSED 127.0.0.1:1",
    });
    for (const error of errors) expect(inspect(error, { depth: 10 })).not.toContain(oddKey);
  });
});

describe("withResponse", () => {
  test("gives the parsed body with status, headers and request id, from one request", async () => {
    const fake = fakeFetch(() => jsonResponse(201, { status: "success" }, { "x-request-id": "req-42" }));
    const runtime = createAngoRuntime({ apiKey: TEST_KEY, server: fake.server, fetch: fake.fetch });
    const { data, status, requestId, headers } = await updateProjectBatches(runtime, input).withResponse();
    expect({ data, status, requestId }).toEqual({
      data: { status: "success" },
      status: 201,
      requestId: "req-42",
    });
    expect(headers.get("content-type")).toBe("application/json");
    expect(fake.calls).toHaveLength(1);
  });

  test("a failure rejects withResponse() with the typed error and leaves no unhandled rejection", async () => {
    const fake = fakeFetch(statusSequence(404));
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    try {
      const ango = createSeedClient({ apiKey: TEST_KEY, server: fake.server, fetch: fake.fetch });
      await expect(ango.updateProjectBatches(input).withResponse()).rejects.toMatchObject({ status: 404 });
      // Unhandled rejections are reported after the microtask queue drains.
      vi.useRealTimers();
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off("unhandledRejection", unhandled);
    }
    expect(unhandled).not.toHaveBeenCalled();
  });
});

describe("browsers", () => {
  test("the client refuses to start in a browser unless dangerouslyAllowBrowser is set", () => {
    vi.stubGlobal("window", { document: {} });
    vi.stubGlobal("navigator", { userAgent: "test" });
    const fake = fakeFetch(statusSequence());
    const options = { apiKey: TEST_KEY, server: fake.server, fetch: fake.fetch };
    expect(() => createSeedClient(options)).toThrow(
      /Refusing to run in a browser: anyone who opens the page could read the API key/,
    );
    expect(createSeedClient({ ...options, dangerouslyAllowBrowser: true }).baseUrl).toBe(fake.server);
  });
});

describe("deprecated operations", () => {
  test("warn once per client at the default level", async () => {
    const lines: string[] = [];
    const fake = fakeFetch(statusSequence());
    const runtime = createAngoRuntime({
      apiKey: TEST_KEY,
      server: fake.server,
      fetch: fake.fetch,
      logger: recordingLogger(lines),
    });
    const deprecated = {
      operationId: "oldCall",
      method: "GET",
      path: "/old",
      params: [],
      response: "json",
      deprecated: true,
    } as const;
    await runtime.call(deprecated, {});
    await runtime.call(deprecated, {});
    expect(lines).toEqual(["warn [ango] oldCall is deprecated in the API spec; see its documentation."]);
  });
});

describe("a JSON operation with a success the spec declares in no JSON type", () => {
  test("that status is read as a Blob and its bytes kept; the JSON ones still parse; others still fail", async () => {
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]);
    const fake = fakeFetch((call) => {
      if (call.url.endsWith("/ready"))
        return new Response(pdf, { status: 200, headers: { "content-type": "application/pdf" } });
      if (call.url.endsWith("/later")) return jsonResponse(202, { status: "pending" });
      return new Response("<html>", { status: 202, headers: { "content-type": "text/html" } });
    });
    const runtime = createAngoRuntime({ apiKey: TEST_KEY, server: fake.server, fetch: fake.fetch });
    const download = (path: string) =>
      ({
        operationId: "download",
        method: "GET",
        path,
        params: [],
        response: "json",
        binary: [200],
      }) as const;
    const ready = await runtime.call(download("/ready"), {});
    expect(ready).toBeInstanceOf(Blob);
    expect(new Uint8Array(await (ready as Blob).arrayBuffer())).toEqual(pdf);
    expect(await runtime.call(download("/later"), {})).toEqual({ status: "pending" });
    await expect(runtime.call(download("/broken"), {})).rejects.toThrow(
      /is not JSON \(content-type: text\/html\)/,
    );
  });
});

describe("a method fetch refuses to send", () => {
  test("TRACE is refused before anything is sent, by name, as a request no client can make", async () => {
    const fake = fakeFetch(statusSequence());
    const runtime = createAngoRuntime({ apiKey: TEST_KEY, server: fake.server, fetch: fake.fetch });
    const trace = {
      operationId: "traceAnything",
      method: "TRACE",
      path: "/anything",
      params: [],
      response: "json",
    } as const;
    const refused = runtime.call(trace, {});
    await expect(refused).rejects.toBeInstanceOf(AngoInvalidRequestError);
    await expect(refused).rejects.toThrow(/TRACE is a method fetch refuses to send/);
    expect(fake.calls).toHaveLength(0);
  });
});
