// Which failures are retried, and how long to wait. Because most writes are POSTs, the default only
// repeats a request when doing so cannot apply a change twice; see CallOptions.idempotent.

import type { RetryOptions } from "./config.js";
import { AngoAPIError, AngoConnectionError, type AngoError, AngoTimeoutError } from "./errors.js";

/** Network error codes that mean the request never reached a server. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "EADDRNOTAVAIL",
]);

/**
 * Whether a failed attempt may be repeated. Always: connections refused before sending, 429 and 503 (the
 * server says it did not process the request). Only for idempotent calls: 408, other 5xx, timeouts and
 * dropped connections, where the server may already have applied the change. Nothing else: a refused
 * input, a redirect or an unreadable 2xx would fail the same way again.
 */
export function isRetryable(error: AngoError, idempotent: boolean): boolean {
  if (error instanceof AngoTimeoutError) return idempotent;
  if (error instanceof AngoConnectionError) return NOT_SENT_CODES.has(error.code as string) || idempotent;
  if (!(error instanceof AngoAPIError)) return false;
  const status = error.status;
  return status === 429 || status === 503 || (idempotent && (status === 408 || status >= 500));
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
