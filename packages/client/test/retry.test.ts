import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { RETRY_DEFAULTS } from "../src/config.js";
import {
  AngoAPIError,
  AngoRedirectError,
  AngoResponseParseError,
  AngoTimeoutError,
  apiErrorFor,
  parseRetryAfter,
} from "../src/errors.js";
import {
  type AngoClientOptions,
  AngoConnectionError,
  AngoRateLimitError,
  AngoServerError,
} from "../src/index.js";
import { backoffDelay, isRetryable } from "../src/retry.js";
import { fakeClient, type fakeFetch, jsonResponse, statusSequence } from "./support/fake-fetch.js";
import { recordingLogger, TEST_KEY } from "./support/fixtures.js";
import { closedPort, type LoopbackServer, startServer } from "./support/loopback.js";
import { createSeedClient } from "./support/seed-client.js";

let server: LoopbackServer;
afterEach(async () => server?.close());

const fast: AngoClientOptions["retry"] = { baseDelayMs: 5, maxDelayMs: 20 };
const newBatch = { projectId: "p", body: { batches: [{ name: "new batch" }] } };
const knownBatches = {
  projectId: "p",
  body: {
    batches: [
      { _id: "b1", name: "Batch 1" },
      { _id: "b2", name: "B2" },
    ],
  },
};

describe("retry rules for a POST (injected fetch, fake clock)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Runs `call` to completion on the fake clock; waits are skipped, not slept. */
  async function settled<T>(call: Promise<T>): Promise<T | unknown> {
    const outcome = call.catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    return outcome;
  }

  const client = (answer: Parameters<typeof fakeFetch>[0], options: AngoClientOptions = {}) => {
    const { ango, ...fake } = fakeClient(answer, { retry: fast, ...options });
    return { ango, calls: fake.calls };
  };

  test("503 and 429 are retried (the server did not process the request)", async () => {
    const { ango, calls } = client(statusSequence(503, 429));
    expect(await settled(ango.updateProjectBatches(newBatch))).toEqual({ status: "success" });
    expect(calls).toHaveLength(3);
  });

  test.each([500, 502, 504, 408])(
    "%i is not retried when the update is not idempotent (a batch without _id)",
    async (status) => {
      const { ango, calls } = client(statusSequence(status));
      expect(await settled(ango.updateProjectBatches(newBatch))).toMatchObject({ status });
      expect(calls).toHaveLength(1);
    },
  );

  test("500 is retried when every batch carries an _id (idempotent), up to maxRetries", async () => {
    const { ango, calls } = client(statusSequence(500, 500, 500, 500));
    expect(await settled(ango.updateProjectBatches(knownBatches))).toBeInstanceOf(AngoServerError);
    expect(calls).toHaveLength(3); // first attempt + default 2 retries
  });

  test("callers override: idempotent false/true and maxRetries per call", async () => {
    const first = client(statusSequence(500, 500));
    expect(await settled(first.ango.updateProjectBatches(knownBatches, { idempotent: false }))).toMatchObject(
      {
        status: 500,
      },
    );
    expect(first.calls).toHaveLength(1);
    expect(await settled(first.ango.updateProjectBatches(newBatch, { idempotent: true }))).toEqual({
      status: "success",
    });
    expect(first.calls).toHaveLength(3);

    const second = client(statusSequence(503, 503), { maxRetries: 0 });
    expect(await settled(second.ango.updateProjectBatches(newBatch))).toMatchObject({ status: 503 });
    expect(second.calls).toHaveLength(1);
    expect(await settled(second.ango.updateProjectBatches(newBatch, { maxRetries: 1 }))).toEqual({
      status: "success",
    });
  });

  test("Retry-After in seconds is honoured: the retry waits exactly that long", async () => {
    const { ango, calls } = client((_call, index) =>
      index === 0
        ? jsonResponse(429, { message: "slow down" }, { "retry-after": "1" })
        : jsonResponse(200, { status: "success" }),
    );
    const call = ango.updateProjectBatches(newBatch);
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await call).toEqual({ status: "success" });
    expect(calls).toHaveLength(2);
  });

  test("Retry-After as an HTTP date is honoured", async () => {
    vi.setSystemTime(Date.parse("2026-11-25T12:00:00Z"));
    const { ango, calls } = client((_call, index) =>
      index === 0
        ? jsonResponse(503, {}, { "retry-after": "Wed, 25 Nov 2026 12:00:02 GMT" })
        : jsonResponse(200, { status: "success" }),
    );
    const call = ango.updateProjectBatches(newBatch);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await call).toEqual({ status: "success" });
  });

  test("a Retry-After beyond the cap is not waited for: the 429 is thrown with retryAfterMs", async () => {
    const { ango, calls } = client(() => jsonResponse(429, { message: "quota" }, { "retry-after": "3600" }), {
      retry: { ...fast, maxRetryAfterMs: 5000 },
    });
    const error = await settled(ango.updateProjectBatches(newBatch));
    expect(error).toBeInstanceOf(AngoRateLimitError);
    expect((error as AngoRateLimitError).retryAfterMs).toBe(3_600_000);
    expect(calls).toHaveLength(1);
  });
});

describe("retry rules on a real socket (the network error codes come from the wire)", () => {
  test("a refused connection (never sent) is retried, then surfaces as AngoConnectionError", async () => {
    const port = await closedPort();
    const logged: string[] = [];
    const ango = createSeedClient({
      apiKey: TEST_KEY,
      server: `http://127.0.0.1:${port}`,
      retry: fast,
      logger: recordingLogger(logged),
      logLevel: "info",
    });
    const error = await ango.updateProjectBatches(newBatch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AngoConnectionError);
    expect((error as AngoConnectionError).code).toBe("ECONNREFUSED");
    expect(logged.filter((line) => line.startsWith("info [ango] retrying"))).toHaveLength(2);
  });

  test("a dropped connection after sending is not retried for a non-idempotent POST", async () => {
    server = await startServer((_req, res) => {
      res.socket?.destroy();
    });
    const ango = createSeedClient({ apiKey: TEST_KEY, server: server.origin, retry: fast });
    await expect(ango.updateProjectBatches(newBatch)).rejects.toBeInstanceOf(AngoConnectionError);
    expect(server.requests).toHaveLength(1);
    await expect(ango.updateProjectBatches(knownBatches)).rejects.toBeInstanceOf(AngoConnectionError);
    expect(server.requests).toHaveLength(4);
  });
});

describe("retry helpers", () => {
  test("parseRetryAfter reads seconds and HTTP dates, ignores junk", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter("0.5", now)).toBe(500);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:03 GMT", now)).toBe(3000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  test("backoff grows exponentially with full jitter, capped", () => {
    expect([0, 1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, RETRY_DEFAULTS, () => 1))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000,
    ]);
    expect(backoffDelay(3, RETRY_DEFAULTS, () => 0)).toBe(0);
  });

  test("the rule table", () => {
    const status = (code: number) =>
      apiErrorFor({ status: code, headers: new Headers(), body: undefined, method: "POST", url: "u" });
    const connection = (code: string) =>
      new AngoConnectionError("dropped", { method: "POST", url: "u", code });
    expect(isRetryable(status(429), false)).toBe(true);
    expect(isRetryable(status(503), false)).toBe(true);
    expect(isRetryable(status(500), false)).toBe(false);
    expect(isRetryable(status(500), true)).toBe(true);
    expect(isRetryable(status(408), true)).toBe(true);
    expect(isRetryable(status(400), true)).toBe(false);
    expect(isRetryable(status(409), true)).toBe(false);
    expect(isRetryable(connection("ECONNREFUSED"), false)).toBe(true);
    expect(isRetryable(connection("ECONNRESET"), false)).toBe(false);
    expect(isRetryable(connection("ECONNRESET"), true)).toBe(true);
    const timeout = new AngoTimeoutError("slow", { method: "POST", url: "u", timeoutMs: 1 });
    expect(timeout.code).toBe("ETIMEDOUT");
    expect(isRetryable(timeout, false)).toBe(false);
    expect(isRetryable(timeout, true)).toBe(true);
    // Failures that would repeat the same way: an unreadable 2xx, a refused redirect.
    const parse = new AngoResponseParseError({
      status: 200,
      headers: new Headers(),
      body: "",
      method: "GET",
      url: "u",
    });
    expect(isRetryable(parse, true)).toBe(false);
    expect(
      isRetryable(
        new AngoRedirectError("moved", { status: 307, method: "POST", url: "u", location: "" }),
        true,
      ),
    ).toBe(false);
    expect(status(418)).toBeInstanceOf(AngoAPIError);
  });
});
