import { afterEach, describe, expect, test } from "vitest";
import { RETRY_DEFAULTS } from "../src/config.js";
import {
  type AngoClientOptions,
  AngoConnectionError,
  AngoRateLimitError,
  AngoServerError,
  createAngoClient,
} from "../src/index.js";
import { backoffDelay, isRetryable, parseRetryAfter } from "../src/retry.js";
import { recordingLogger, TEST_KEY } from "./support/fixtures.js";
import { closedPort, json, type LoopbackServer, startServer } from "./support/loopback.js";

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

/** Answers `statuses` in order, then 200. */
function sequence(...statuses: number[]) {
  return startServer((_req, res, index) => {
    const status = statuses[index];
    if (status === undefined) return json(res, 200, { status: "success" });
    json(res, status, { message: `status ${status}` });
  });
}

describe("retry rules for a POST", () => {
  test("503 and 429 are retried (the server did not process the request)", async () => {
    server = await sequence(503, 429);
    const ango = createAngoClient({ apiKey: TEST_KEY, server: server.origin, retry: fast });
    expect(await ango.updateProjectBatches(newBatch)).toEqual({ status: "success" });
    expect(server.requests).toHaveLength(3);
  });

  test("500/502/504/408 are not retried when the update is not idempotent (a batch without _id)", async () => {
    for (const status of [500, 502, 504, 408]) {
      server = await sequence(status);
      const ango = createAngoClient({ apiKey: TEST_KEY, server: server.origin, retry: fast });
      await expect(ango.updateProjectBatches(newBatch)).rejects.toMatchObject({ status });
      expect(server.requests).toHaveLength(1);
      await server.close();
    }
  });

  test("500 is retried when every batch carries an _id (idempotent), up to maxRetries", async () => {
    server = await sequence(500, 500, 500, 500);
    const ango = createAngoClient({ apiKey: TEST_KEY, server: server.origin, retry: fast });
    await expect(ango.updateProjectBatches(knownBatches)).rejects.toBeInstanceOf(AngoServerError);
    expect(server.requests).toHaveLength(3); // first attempt + default 2 retries
  });

  test("callers override: idempotent false/true and maxRetries per call", async () => {
    server = await sequence(500, 500);
    const ango = createAngoClient({ apiKey: TEST_KEY, server: server.origin, retry: fast });
    await expect(ango.updateProjectBatches(knownBatches, { idempotent: false })).rejects.toMatchObject({
      status: 500,
    });
    expect(server.requests).toHaveLength(1);
    expect(await ango.updateProjectBatches(newBatch, { idempotent: true })).toEqual({ status: "success" });
    expect(server.requests).toHaveLength(3);
    await server.close();

    server = await sequence(503, 503);
    const noRetry = createAngoClient({ apiKey: TEST_KEY, server: server.origin, retry: fast, maxRetries: 0 });
    await expect(noRetry.updateProjectBatches(newBatch)).rejects.toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(1);
    expect(await noRetry.updateProjectBatches(newBatch, { maxRetries: 1 })).toEqual({ status: "success" });
  });

  test("Retry-After in seconds is honoured", async () => {
    server = await startServer((_req, res, index) => {
      if (index === 0) return json(res, 429, { message: "slow down" }, { "retry-after": "1" });
      json(res, 200, { status: "success" });
    });
    const ango = createAngoClient({ apiKey: TEST_KEY, server: server.origin, retry: fast });
    const started = performance.now();
    await ango.updateProjectBatches(newBatch);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
  });

  test("Retry-After as an HTTP date is honoured", async () => {
    server = await startServer((_req, res, index) => {
      if (index === 0) {
        return json(res, 503, {}, { "retry-after": new Date(Date.now() + 2000).toUTCString() });
      }
      json(res, 200, { status: "success" });
    });
    const ango = createAngoClient({ apiKey: TEST_KEY, server: server.origin, retry: fast });
    const started = performance.now();
    await ango.updateProjectBatches(newBatch);
    // HTTP dates have one-second resolution, so the wait is between ~1 and 2 seconds.
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    expect(server.requests).toHaveLength(2);
  });

  test("a Retry-After beyond the cap is not waited for: the 429 is thrown with retryAfterMs", async () => {
    server = await startServer((_req, res) =>
      json(res, 429, { message: "quota" }, { "retry-after": "3600" }),
    );
    const ango = createAngoClient({
      apiKey: TEST_KEY,
      server: server.origin,
      retry: { ...fast, maxRetryAfterMs: 5000 },
    });
    const error = await ango.updateProjectBatches(newBatch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AngoRateLimitError);
    expect((error as AngoRateLimitError).retryAfterMs).toBe(3_600_000);
    expect(server.requests).toHaveLength(1);
  });

  test("a refused connection (never sent) is retried, then surfaces as AngoConnectionError", async () => {
    const port = await closedPort();
    const logged: string[] = [];
    const ango = createAngoClient({
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
    const ango = createAngoClient({ apiKey: TEST_KEY, server: server.origin, retry: fast });
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
    expect(isRetryable({ kind: "status", status: 429 }, false)).toBe(true);
    expect(isRetryable({ kind: "status", status: 503 }, false)).toBe(true);
    expect(isRetryable({ kind: "status", status: 500 }, false)).toBe(false);
    expect(isRetryable({ kind: "status", status: 500 }, true)).toBe(true);
    expect(isRetryable({ kind: "status", status: 408 }, true)).toBe(true);
    expect(isRetryable({ kind: "status", status: 400 }, true)).toBe(false);
    expect(isRetryable({ kind: "status", status: 409 }, true)).toBe(false);
    expect(isRetryable({ kind: "connection", code: "ECONNREFUSED" }, false)).toBe(true);
    expect(isRetryable({ kind: "connection", code: "ECONNRESET" }, false)).toBe(false);
    expect(isRetryable({ kind: "connection", code: "ECONNRESET" }, true)).toBe(true);
    expect(isRetryable({ kind: "timeout" }, false)).toBe(false);
    expect(isRetryable({ kind: "timeout" }, true)).toBe(true);
  });
});
