// Timeouts and aborts, on an injected fetch with fake timers: the rules, without waiting for them.
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { AngoTimeoutError, DEFAULT_TIMEOUT_MS } from "../src/index.js";
import { fakeClient, fakeFetch, hangUntilAborted, jsonResponse } from "./support/fake-fetch.js";
import { TEST_KEY } from "./support/fixtures.js";
import { createSeedClient } from "./support/seed-client.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const newBatch = { projectId: "p", body: { batches: [{ name: "new" }] } };
const knownBatch = { projectId: "p", body: { batches: [{ _id: "b1", name: "Batch 1" }] } };

describe("timeouts and aborts", () => {
  test("the default timeout is 60 s, per attempt", async () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(60_000);
    const { ango, ...fake } = fakeClient(hangUntilAborted);
    const call = ango.updateProjectBatches(newBatch).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(fake.calls[0]?.signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await call).toBeInstanceOf(AngoTimeoutError);
  });

  test("a slow response becomes AngoTimeoutError; a non-idempotent call is not retried", async () => {
    const { ango, ...fake } = fakeClient(hangUntilAborted, { timeoutMs: 500 });
    const call = ango.updateProjectBatches(newBatch).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(500);
    const error = await call;
    expect(error).toBeInstanceOf(AngoTimeoutError);
    expect((error as AngoTimeoutError).timeoutMs).toBe(500);
    expect((error as Error).message).toBe(`POST ${fake.server}/batches/p timed out after 500 ms`);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.calls).toHaveLength(1);
  });

  test("per-call timeout overrides the client's, and idempotent calls retry timeouts", async () => {
    const fake = fakeFetch(hangUntilAborted);
    const ango = createSeedClient({
      apiKey: TEST_KEY,
      server: fake.server,
      fetch: fake.fetch,
      timeoutMs: 60_000,
      retry: { baseDelayMs: 1, maxDelayMs: 1 },
    });
    const call = ango.updateProjectBatches(knownBatch, { timeoutMs: 400 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(3 * 400 + 10);
    const error = await call;
    expect(error).toBeInstanceOf(AngoTimeoutError);
    expect((error as AngoTimeoutError).timeoutMs).toBe(400);
    expect(fake.calls).toHaveLength(3);
  });

  test("a caller's abort is thrown as the caller's reason and never retried", async () => {
    const { ango, ...fake } = fakeClient(hangUntilAborted);
    const controller = new AbortController();
    const reason = new Error("user navigated away");
    const call = ango
      .updateProjectBatches(knownBatch, { signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(400);
    controller.abort(reason);
    expect(await call).toBe(reason);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.calls).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  test("an already-aborted signal sends nothing", async () => {
    const { ango, ...fake } = fakeClient(hangUntilAborted);
    const error = await ango
      .updateProjectBatches(knownBatch, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect((error as DOMException).name).toBe("AbortError");
    expect(fake.calls).toHaveLength(0);
  });

  test("an abort during the backoff wait stops the retries at once", async () => {
    const { ango, ...fake } = fakeClient(() => jsonResponse(503, {}, { "retry-after": "30" }));
    const controller = new AbortController();
    const call = ango.updateProjectBatches(newBatch, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    expect(((await call) as DOMException).name).toBe("AbortError");
    expect(fake.calls).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
