import { afterEach, describe, expect, test } from "vitest";
import { AngoTimeoutError, createAngoClient, DEFAULT_TIMEOUT_MS } from "../src/index.js";
import { TEST_KEY } from "./support/fixtures.js";
import { json, type LoopbackServer, startServer } from "./support/loopback.js";

let server: LoopbackServer;
afterEach(async () => server?.close());

const newBatch = { projectId: "p", body: { batches: [{ name: "new" }] } };
const knownBatch = { projectId: "p", body: { batches: [{ _id: "b1", name: "Batch 1" }] } };

/** Answers after `delayMs` (the server keeps the socket open meanwhile). */
function slowServer(delayMs: number) {
  return startServer(async (_req, res) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (!res.destroyed) json(res, 200, { status: "late" });
  });
}

/** Gives a retry that should not happen time to show up at the server. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe("timeouts and aborts", () => {
  test("the default timeout is 60 s", () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(60_000);
  });

  test("a slow response becomes AngoTimeoutError; a non-idempotent call is not retried", async () => {
    server = await slowServer(5000);
    const ango = createAngoClient({ apiKey: TEST_KEY, server: server.origin, timeoutMs: 500 });
    const error = await ango.updateProjectBatches(newBatch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AngoTimeoutError);
    expect((error as AngoTimeoutError).timeoutMs).toBe(500);
    expect((error as Error).message).toMatch(
      /POST http:\/\/127\.0\.0\.1:\d+\/batches\/p timed out after 500 ms/,
    );
    await settle();
    expect(server.requests).toHaveLength(1);
  });

  test("per-call timeout overrides the client's, and idempotent calls retry timeouts", async () => {
    server = await slowServer(20_000);
    const ango = createAngoClient({
      apiKey: TEST_KEY,
      server: server.origin,
      timeoutMs: 60_000,
      retry: { baseDelayMs: 1, maxDelayMs: 1 },
    });
    const error = await ango.updateProjectBatches(knownBatch, { timeoutMs: 400 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AngoTimeoutError);
    expect((error as AngoTimeoutError).timeoutMs).toBe(400);
    await settle();
    expect(server.requests).toHaveLength(3);
  });

  test("a caller's abort is thrown as the caller's reason and never retried", async () => {
    server = await slowServer(2000);
    const ango = createAngoClient({ apiKey: TEST_KEY, server: server.origin });
    const controller = new AbortController();
    const reason = new Error("user navigated away");
    setTimeout(() => controller.abort(reason), 400);
    await expect(ango.updateProjectBatches(knownBatch, { signal: controller.signal })).rejects.toBe(reason);
    await settle();
    expect(server.requests).toHaveLength(1);
  });

  test("an already-aborted signal sends nothing", async () => {
    server = await slowServer(0);
    const ango = createAngoClient({ apiKey: TEST_KEY, server: server.origin });
    const error = await ango
      .updateProjectBatches(knownBatch, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect((error as DOMException).name).toBe("AbortError");
    expect(server.requests).toHaveLength(0);
  });

  test("an abort during the backoff wait stops the retries", async () => {
    server = await startServer((_req, res) => json(res, 503, {}, { "retry-after": "30" }));
    const ango = createAngoClient({ apiKey: TEST_KEY, server: server.origin });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const error = await ango
      .updateProjectBatches(newBatch, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect((error as DOMException).name).toBe("AbortError");
    expect(performance.now() - started).toBeLessThan(5000);
    expect(server.requests).toHaveLength(1);
  });
});
