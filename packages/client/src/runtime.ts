import type { paths } from "@ango-hub/types";
import createClient, { type Client } from "openapi-fetch";
import {
  type AngoClientOptions,
  nonNegativeInteger,
  positiveMilliseconds,
  type ResolvedConfig,
  resolveConfig,
} from "./config.js";
import {
  AngoConnectionError,
  AngoError,
  AngoInvalidRequestError,
  AngoResponseParseError,
  AngoTimeoutError,
  apiErrorFor,
} from "./errors.js";
import { apiKeyScheme } from "./generated/servers.js";
import { type GuardedFetchConfig, guardedFetch } from "./guarded-fetch.js";
import { isIdempotentCall } from "./idempotency.js";
import type { CallOptions, OperationDescriptor, OperationRequest, OperationRunner } from "./operation.js";
import { assertSafePathParam } from "./path-params.js";
import { redactKey, scrubKey, scrubKeyDeep } from "./redact.js";
import { RequestPlan } from "./request-plan.js";
import { backoffDelay, type Failure, isRetryable, parseRetryAfter, sleep } from "./retry.js";

type AttemptOutcome =
  | { ok: true; value: unknown }
  | { ok: false; failure: Failure; error: AngoError; retryAfterMs?: number };

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json(?:;|$)/i;
const passThrough = (body: unknown) => body;

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

/**
 * Sends generated operations: validates path parameters, serialises the body once, and runs the attempt
 * loop (per-attempt timeout, typed errors, retries) over an openapi-fetch client that adds the API key and
 * refuses to send it anywhere but the configured origin.
 */
export class AngoRuntime implements OperationRunner {
  /** The base URL every request goes to, e.g. `https://us-api.ango.ai/v2`. */
  readonly baseUrl: string;
  readonly #config: ResolvedConfig;
  readonly #guard: GuardedFetchConfig;
  readonly #raw: Client<paths>;
  /** Same as #raw but producing RequestPlans, for the typed operations. */
  readonly #typed: Client<paths>;

  constructor(options: AngoClientOptions = {}) {
    const config = resolveConfig(options);
    this.baseUrl = config.baseUrl;
    this.#config = config;
    this.#guard = {
      origin: config.origin,
      keyHeader: apiKeyScheme.name,
      apiKey: config.apiKey,
      fetch: config.fetch,
    };
    const guard = this.#guard;
    this.#raw = createClient<paths>({
      baseUrl: config.baseUrl,
      headers: config.headers,
      redirect: "manual",
      fetch: (request) => guardedFetch(guard, request),
    });
    this.#typed = createClient<paths>({
      baseUrl: config.baseUrl,
      headers: config.headers,
      Request: RequestPlan as unknown as typeof Request,
    });
  }

  /**
   * The underlying openapi-fetch client, for its `{ data, error, response }` style. It sends the API key
   * to the configured origin only, but has no timeout, retries or typed errors.
   */
  get raw(): Client<paths> {
    return this.#raw;
  }

  async call<T>(
    operation: OperationDescriptor,
    request: OperationRequest,
    options: CallOptions = {},
  ): Promise<T> {
    const config = this.#config;
    for (const name of operation.pathParams) {
      assertSafePathParam(operation.operationId, name, request.path?.[name]);
    }
    if (operation.bodyRequired && request.body === undefined) {
      throw new AngoInvalidRequestError(
        `${operation.operationId}: the request body is required; pass it as body.`,
      );
    }
    const contentType = operation.requestContentType;
    const jsonBody = contentType !== undefined && JSON_TYPE.test(contentType);
    const body =
      request.body === undefined ? undefined : jsonBody ? JSON.stringify(request.body) : request.body;
    // openapi-fetch already sends JSON bodies as application/json; only other types need the header.
    const headers =
      (contentType && !jsonBody) || options.headers
        ? { ...(contentType && !jsonBody ? { "Content-Type": contentType } : {}), ...options.headers }
        : undefined;
    const maxRetries = nonNegativeInteger("maxRetries", options.maxRetries, config.maxRetries);
    const timeoutMs = positiveMilliseconds("timeoutMs", options.timeoutMs, config.timeoutMs);

    for (let attempt = 0; ; attempt++) {
      const outcome = await this.#attempt(operation, request, body, headers, options.signal, timeoutMs);
      if (outcome.ok) return outcome.value as T;
      const { failure, error, retryAfterMs } = outcome;
      const canRetry =
        attempt < maxRetries &&
        // Only worked out on failure: the success path pays nothing for it.
        isRetryable(
          failure,
          options.idempotent ?? isIdempotentCall(operation.operationId, operation.method, request.body),
        ) &&
        (retryAfterMs === undefined || retryAfterMs <= config.retry.maxRetryAfterMs);
      if (!canRetry) throw error;
      const delayMs = retryAfterMs ?? backoffDelay(attempt, config.retry);
      config.logger?.debug(`retrying ${operation.operationId} in ${delayMs} ms`, {
        attempt: attempt + 1,
        reason: error.message,
      });
      await sleep(delayMs, options.signal);
    }
  }

  async #attempt(
    operation: OperationDescriptor,
    request: OperationRequest,
    body: unknown,
    headers: Record<string, string> | undefined,
    callerSignal: AbortSignal | undefined,
    timeoutMs: number,
  ): Promise<AttemptOutcome> {
    if (callerSignal?.aborted) throw callerSignal.reason;
    const controller = new AbortController();
    const onCallerAbort = () => controller.abort(callerSignal?.reason);
    callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`Timed out after ${timeoutMs} ms`, "TimeoutError"));
    }, timeoutMs);
    const method = operation.method.toUpperCase();
    const key = this.#config.apiKey;
    this.#config.logger?.debug(`${method} ${this.#displayUrl(operation, request)}`, {
      headers: { [this.#guard.keyHeader]: redactKey(key) },
    });
    const send = this.#typed.request as UntypedRequest;
    const guard = this.#guard;
    const callContext = { signal: controller.signal, body: body as BodyInit | undefined };
    const fetchWithSignal = (plan: RequestPlan) => guardedFetch(guard, plan, callContext);
    try {
      const { data, error, response } = await send(operation.method, operation.path, {
        params: { path: request.path, query: request.query, header: request.headers },
        body,
        bodySerializer: passThrough,
        ...(headers ? { headers } : {}),
        parseAs: "text",
        fetch: fetchWithSignal,
      });
      // Built only when a message needs it: the success path pays nothing for it.
      const describe = () => ({
        status: response.status,
        headers: response.headers,
        method,
        url: scrubKey(response.url || this.#displayUrl(operation, request), key),
      });
      if (response.ok)
        return { ok: true, value: parseSuccess(operation, response.status, data, key, describe) };
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
      const errorBody = error === "" ? undefined : scrubKeyDeep(error, key);
      const apiError = apiErrorFor({ ...describe(), body: errorBody }, retryAfterMs);
      return {
        ok: false,
        failure: { kind: "status", status: response.status },
        error: apiError,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      };
    } catch (thrown) {
      if (callerSignal?.aborted) throw callerSignal.reason;
      const url = this.#displayUrl(operation, request);
      if (timedOut)
        return {
          ok: false,
          failure: { kind: "timeout" },
          error: new AngoTimeoutError({ method, url, timeoutMs }),
        };
      if (thrown instanceof AngoError) throw thrown;
      const code = networkCode(thrown);
      const reason = scrubKey(code ?? (thrown instanceof Error ? thrown.message : String(thrown)), key);
      return {
        ok: false,
        failure: { kind: "connection", code },
        error: new AngoConnectionError(`${method} ${url} failed: ${reason}`, {
          method,
          url,
          code,
          cause: thrown,
        }),
      };
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onCallerAbort);
    }
  }

  /** The URL a call goes to, for messages: the key is never part of it. */
  #displayUrl(operation: OperationDescriptor, request: OperationRequest): string {
    const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
      encodeURIComponent(String(request.path?.[name] ?? "")),
    );
    return `${this.baseUrl}${path}`;
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

type UntypedRequest = (
  method: string,
  path: string,
  init: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

function parseSuccess(
  operation: OperationDescriptor,
  status: number,
  data: unknown,
  key: string,
  describe: () => { status: number; headers: Headers; method: string; url: string },
): unknown {
  const text = data as string | undefined;
  if (operation.responseBody === "none") return undefined;
  if (operation.responseBody === "text") return text ?? "";
  if (text === undefined || text === "") {
    if (status === 204 || status === 205) return undefined;
    const info = describe();
    throw new AngoResponseParseError(
      { ...info, body: "" },
      `${info.status} from ${info.method} ${info.url} had an empty body where the spec promises JSON.`,
    );
  }
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
