import {
  type AngoClientOptions,
  headersOption,
  knownKeys,
  type ResolvedConfig,
  resolveCallLimits,
  resolveConfig,
} from "./config.js";
import {
  AngoConfigError,
  AngoConnectionError,
  AngoError,
  AngoInvalidRequestError,
  AngoResponseParseError,
  AngoTimeoutError,
  apiErrorFor,
  requestIdOf,
} from "./errors.js";
import { type GuardedFetchConfig, guardedFetch } from "./guarded-fetch.js";
import { isIdempotentCall } from "./idempotency.js";
import type {
  AngoPromise,
  CallOptions,
  OperationDescriptor,
  OperationRequest,
  OperationRunner,
  ResponseWithData,
} from "./operation.js";
import { redactKey, scrubHeaders, scrubKey, scrubKeyDeep } from "./redact.js";
import { type BuiltRequest, buildRequest } from "./request.js";
import { backoffDelay, type Failure, isRetryable, parseRetryAfter, sleep } from "./retry.js";

type AttemptOutcome<T> =
  | { ok: true; value: ResponseWithData<T> }
  | { ok: false; failure: Failure; error: AngoError; retryAfterMs?: number | undefined };

const CALL_OPTION_NAMES = ["signal", "timeoutMs", "maxRetries", "idempotent", "headers"];
const NO_OPTIONS: CallOptions = {};

/** First network error code in an error's cause chain (undici nests it: TypeError -> cause -> code). */
function networkCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    const nested = (current as { errors?: unknown[] }).errors?.[0];
    current = (current as { cause?: unknown }).cause ?? nested;
  }
  return undefined;
}

function isStream(body: unknown): boolean {
  return typeof ReadableStream !== "undefined" && body instanceof ReadableStream;
}

/** Per-call options checked with the client's own rules; the defaults object skips the work. */
function checkCallOptions(options: CallOptions): void {
  if (options === NO_OPTIONS) return;
  if (typeof options !== "object" || options === null)
    throw new AngoConfigError("The call's options must be an object.");
  knownKeys("call option", options, CALL_OPTION_NAMES);
  const { signal, idempotent } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal))
    throw new AngoConfigError("signal must be an AbortSignal, e.g. AbortSignal.timeout(5000).");
  if (idempotent !== undefined && typeof idempotent !== "boolean")
    throw new AngoConfigError(`idempotent must be true or false, got ${String(idempotent)}.`);
}

/**
 * Sends generated operations: builds each request from the operation's descriptor (URL, query, headers,
 * body), sends it with `fetch(url, init)` once per attempt through the key guard, and runs the attempt
 * loop (per-attempt timeout, typed errors, retries).
 */
export class AngoRuntime implements OperationRunner {
  /** The base URL every request goes to, e.g. `https://us-api.ango.ai/v2`. */
  readonly baseUrl: string;
  readonly #config: ResolvedConfig;
  readonly #guard: GuardedFetchConfig;
  readonly #warnedDeprecated = new Set<string>();

  constructor(options: AngoClientOptions = {}) {
    const config = resolveConfig(options);
    this.baseUrl = config.baseUrl;
    this.#config = config;
    this.#guard = {
      origin: config.origin,
      keyHeader: config.keyHeader,
      apiKey: config.apiKey,
      fetch: config.fetch,
    };
  }

  /** Calls one operation. The returned promise gives the parsed body; `.withResponse()` gives status and headers too. */
  call<T>(operation: OperationDescriptor, request: OperationRequest, options = NO_OPTIONS): AngoPromise<T> {
    const pending = this.#run<T>(operation, request, options);
    const data = pending.then((result) => result.data) as AngoPromise<T>;
    data.withResponse = () => {
      // The caller awaits `pending` instead; the data promise's copy of a failure is theirs already.
      data.catch(() => {});
      return pending;
    };
    return data;
  }

  async #run<T>(
    operation: OperationDescriptor,
    request: OperationRequest,
    options: CallOptions,
  ): Promise<ResponseWithData<T>> {
    const config = this.#config;
    checkCallOptions(options);
    const { timeoutMs, maxRetries } = resolveCallLimits(config, options);
    let built: BuiltRequest;
    try {
      built = buildRequest(operation, request);
    } catch (error) {
      if (error instanceof AngoError) throw error;
      throw new AngoInvalidRequestError(
        `${operation.operationId}: the request could not be built (${(error as Error).message}); nothing was sent.`,
      );
    }
    const callHeaders = options.headers
      ? headersOption("headers", options.headers, (m) => new AngoInvalidRequestError(m))
      : undefined;
    const headers = { ...config.headers, ...built.headers, ...callHeaders };
    const body = built.body ?? null;
    const url = `${this.baseUrl}${built.target}`;
    if (operation.deprecated && !this.#warnedDeprecated.has(operation.operationId)) {
      this.#warnedDeprecated.add(operation.operationId);
      config.log("warn", `${operation.operationId} is deprecated in the API spec; see its documentation.`);
    }

    for (let attempt = 0; ; attempt++) {
      const outcome = await this.#attempt<T>(operation, url, headers, body, options.signal, timeoutMs);
      if (outcome.ok) return outcome.value;
      const { failure, error, retryAfterMs } = outcome;
      const canRetry =
        attempt < maxRetries &&
        !isStream(built.body) &&
        // Only worked out on failure: the success path pays nothing for it.
        isRetryable(failure, options.idempotent ?? isIdempotentCall(operation, built.jsonText)) &&
        (retryAfterMs === undefined || retryAfterMs <= config.retry.maxRetryAfterMs);
      if (!canRetry) throw error;
      const delayMs = retryAfterMs ?? backoffDelay(attempt, config.retry);
      config.log("info", `retrying ${operation.operationId} in ${delayMs} ms`, {
        attempt: attempt + 1,
        reason: error.message,
      });
      await sleep(delayMs, options.signal);
    }
  }

  async #attempt<T>(
    operation: OperationDescriptor,
    url: string,
    headers: Record<string, string>,
    body: BodyInit | null,
    callerSignal: AbortSignal | undefined,
    timeoutMs: number,
  ): Promise<AttemptOutcome<T>> {
    if (callerSignal?.aborted) throw callerSignal.reason;
    const key = this.#config.apiKey;
    const method = operation.method;
    const shownUrl = scrubKey(url, key);
    const controller = new AbortController();
    const onCallerAbort = () => controller.abort(callerSignal?.reason);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`Timed out after ${timeoutMs} ms`, "TimeoutError"));
    }, timeoutMs);
    try {
      callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
      const log = this.#config.log;
      if (log.enabled("debug"))
        log("debug", `${method} ${shownUrl}`, { headers: { [this.#guard.keyHeader]: redactKey(key) } });
      // A copy per attempt: the guard adds the key to the headers it is given.
      const init = { method, headers: { ...headers }, body, signal: controller.signal };
      const response = await guardedFetch(this.#guard, url, init);
      const describe = () => ({
        status: response.status,
        headers: scrubHeaders(response.headers, key),
        method,
        url: shownUrl,
      });
      if (response.ok) {
        const data = (await readSuccess(operation, response, key, describe)) as T;
        const headers = response.headers;
        const value = {
          data,
          status: response.status,
          headers,
          response,
          // Read on demand: most callers never ask, and five header look-ups per call add up.
          get requestId() {
            return requestIdOf(headers);
          },
        };
        return { ok: true, value };
      }
      const text = await response.text();
      let errorBody: unknown = text === "" ? undefined : text;
      try {
        errorBody = JSON.parse(text);
      } catch {
        // Not JSON: keep the text.
      }
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
      const error = apiErrorFor({ ...describe(), body: scrubKeyDeep(errorBody, key) }, retryAfterMs);
      return { ok: false, failure: { kind: "status", status: response.status }, error, retryAfterMs };
    } catch (thrown) {
      if (callerSignal?.aborted) throw callerSignal.reason;
      if (timedOut)
        return {
          ok: false,
          failure: { kind: "timeout" },
          error: new AngoTimeoutError({ method, url: shownUrl, timeoutMs }),
        };
      if (thrown instanceof AngoError) throw thrown;
      const code = networkCode(thrown);
      const reason = scrubKey(code ?? (thrown instanceof Error ? thrown.message : String(thrown)), key);
      return {
        ok: false,
        failure: { kind: "connection", code },
        error: new AngoConnectionError(`${method} ${shownUrl} failed: ${reason}`, {
          method,
          url: shownUrl,
          code,
          // The cause may quote the request (headers included); only its redacted message is kept.
          cause: new Error(reason),
        }),
      };
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onCallerAbort);
    }
  }

  toString(): string {
    return `AngoClient(${this.baseUrl}, apiKey: ${redactKey(this.#config.apiKey)})`;
  }

  toJSON(): { baseUrl: string; apiKey: string } {
    return { baseUrl: this.baseUrl, apiKey: redactKey(this.#config.apiKey) };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

type Describe = () => { status: number; headers: Headers; method: string; url: string };

/** The success body, read the way the operation's descriptor says. */
async function readSuccess(
  operation: OperationDescriptor,
  response: Response,
  key: string,
  describe: Describe,
): Promise<unknown> {
  const kind = operation.response;
  if (kind === "blob") return response.blob();
  const text = await response.text();
  if (kind === "text") return text;
  if (text === "") {
    if (kind === "none" || response.status === 204 || response.status === 205) return undefined;
    const info = describe();
    throw new AngoResponseParseError(
      { ...info, body: "" },
      `${info.status} from ${info.method} ${info.url} had an empty body where the spec promises JSON.`,
    );
  }
  if (kind === "none") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    const info = describe();
    const shown = scrubKey(text, key);
    throw new AngoResponseParseError(
      { ...info, body: shown },
      `${info.status} from ${info.method} ${info.url} is not JSON (content-type: ${info.headers.get("content-type") ?? "none"}): ${shown.slice(0, 120)}`,
    );
  }
}
