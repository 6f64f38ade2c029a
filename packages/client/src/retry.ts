// Which failures are retried, and how long to wait. Because most writes are POSTs, the default only
// repeats a request when doing so cannot apply a change twice; see CallOptions.idempotent.

import type { RetryOptions } from "./config.js";

/** Network error codes that mean the request never reached a server. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "EADDRNOTAVAIL",
]);

export type Failure =
  | { kind: "status"; status: number }
  | { kind: "connection"; code: string | undefined }
  | { kind: "timeout" };

/**
 * Whether a failure may be retried. Always: connections refused before sending, 429 and 503 (the server
 * says it did not process the request). Only for idempotent calls: 408, other 5xx, timeouts and dropped
 * connections, where the server may already have applied the change.
 */
export function isRetryable(failure: Failure, idempotent: boolean): boolean {
  switch (failure.kind) {
    case "status":
      if (failure.status === 429 || failure.status === 503) return true;
      return idempotent && (failure.status === 408 || failure.status >= 500);
    case "connection":
      return (failure.code !== undefined && NOT_SENT_CODES.has(failure.code)) || idempotent;
    case "timeout":
      return idempotent;
  }
}

/** `Retry-After` (delta-seconds or HTTP-date) in ms, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter: a random wait in [0, min(max, base * 2^retry)]. */
export function backoffDelay(retry: number, options: Required<RetryOptions>, random = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.round(random() * ceiling);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
