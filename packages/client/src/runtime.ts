import {
  type AngoClientOptions,
  type ApiAccess,
  headersOption,
  type ResolvedConfig,
  resolveCallOptions,
  resolveConfig,
} from "./config.js";
import {
  AngoAPIError,
  AngoConnectionError,
  AngoError,
  AngoInvalidRequestError,
  AngoResponseParseError,
  AngoTimeoutError,
  apiErrorFor,
  requestIdOf,
  serverMessage,
} from "./errors.js";
import { followRedirects, isRedirect, sendWithKey } from "./guarded-fetch.js";
import { isIdempotentCall } from "./idempotency.js";
import {
  AngoPromise,
  type CallOptions,
  type OperationDescriptor,
  type OperationRequest,
  type OperationRunner,
  type ResponseValidationMode,
} from "./operation.js";
import { redactKey, scrubHeaders, scrubKey, scrubKeyDeep } from "./redact.js";
import { type BuiltRequest, buildRequest } from "./request.js";
import { backoffDelay, isRetryable, sleep } from "./retry.js";
import type { DriftReport } from "./validation/drift.js";
import type { ResponseValidationSession } from "./validation/index.js";

const NO_OPTIONS: CallOptions = {};

/** A successful attempt: the parsed body and the Response it came in. */
type Sent<T> = { data: T; response: Response };

/**
 * A failed fetch's error and its causes (undici nests two or three; at most five are kept) as plain
 * errors: each one's name and code, its message with the key scrubbed, nothing else of the original
 * (which may quote the request, headers included).
 */
function scrubbedCauses(error: unknown, key: string, depth = 0): Error | undefined {
  if (error == null || depth > 4) return undefined;
  const { name, message, code, cause, errors } = error as Partial<Error> & {
    code?: unknown;
    errors?: unknown[];
  };
  const copy = new Error(scrubKey(message ?? String(error), key), {
    cause: scrubbedCauses(cause ?? errors?.[0], key, depth + 1),
  });
  return Object.assign(copy, { name: name ?? copy.name }, typeof code === "string" && { code });
}

/**
 * Sends generated operations: builds each request from the operation's descriptor (URL, query, headers,
 * body), sends it with `fetch(url, init)` once per attempt through the key guard, and runs the attempt
 * loop (per-attempt timeout, typed errors, retries).
 */
export class AngoRuntime implements OperationRunner {
  /** The base URL every request goes to, e.g. `https://us-api.ango.ai/v2`. */
  declare readonly baseUrl: string;
  readonly #config: ResolvedConfig;
  readonly #warnedDeprecated = new Set<string>();
  /** Response validation (the responseValidation option), started on the first call that has it on. */
  #validation: ResponseValidationSession | undefined;

  constructor(options: AngoClientOptions, access: ApiAccess) {
    this.#config = resolveConfig(options, access);
    this.baseUrl = this.#config.baseUrl;
  }

  /**
   * Calls one operation from its descriptor. The returned promise gives the parsed body; `.withResponse()`
   * gives status and headers too. The generated functions call this: call them instead.
   */
  call<T>(operation: OperationDescriptor, request: OperationRequest, options = NO_OPTIONS): AngoPromise<T> {
    return new AngoPromise(this.#send<T>(operation, request, options), (data, response) => {
      const { status, statusText, url } = response;
      const key = this.#config.apiKey;
      // Scrubbed as errors are: a server may echo the key in a header, and a redirect in the URL.
      const headers = scrubHeaders(response.headers, key);
      return {
        data,
        status,
        headers,
        url: scrubKey(url, key),
        requestId: requestIdOf(headers),
        // A copy with the scrubbed headers; its body was read already either way.
        response: new Response(null, { status, statusText, headers }),
      };
    });
  }

  async #send<T>(
    operation: OperationDescriptor,
    request: OperationRequest,
    options: CallOptions,
  ): Promise<Sent<T>> {
    const config = this.#config;
    const { timeoutMs, maxRetries, validateResponses } =
      options === NO_OPTIONS ? config : resolveCallOptions(config, options);
    let built: BuiltRequest;
    try {
      built = buildRequest(operation, request);
    } catch (error) {
      if (error instanceof AngoError) throw error;
      throw new AngoInvalidRequestError(
        `${operation.operationId}: the request could not be built (${(error as Error).message}); nothing was sent.`,
      );
    }
    const callHeaders =
      options.headers &&
      headersOption(
        "headers",
        options.headers,
        this.#config.keyHeader,
        (m) => new AngoInvalidRequestError(m),
      );
    const headers = { ...config.headers, ...built.headers, ...callHeaders };
    const url = this.baseUrl + built.target;
    if (operation.deprecated && !this.#warnedDeprecated.has(operation.operationId)) {
      this.#warnedDeprecated.add(operation.operationId);
      config.log("warn", `${operation.operationId} is deprecated in the API spec; see its documentation.`);
    }

    for (let attempt = 0; ; attempt++) {
      let sent: Sent<T>;
      try {
        sent = await this.#attempt<T>(operation, url, headers, built.body, options.signal, timeoutMs);
      } catch (error) {
        // An error body is checked too, but keeps its own error class: drift never hides a 404.
        if (validateResponses !== "off" && error instanceof AngoAPIError)
          await this.#checkResponse(operation, "observe", error.status, error.headers, error.body, url);
        // Only worked out on failure: the success path pays nothing for it.
        if (
          !(error instanceof AngoError) ||
          options.signal?.aborted ||
          attempt >= maxRetries ||
          built.body instanceof ReadableStream ||
          !isRetryable(error, options.idempotent ?? isIdempotentCall(operation, built.jsonText))
        )
          throw error;
        const retryAfterMs = error instanceof AngoAPIError ? error.retryAfterMs : undefined;
        if (retryAfterMs !== undefined && retryAfterMs > config.retry.maxRetryAfterMs) throw error;
        const delayMs = retryAfterMs ?? backoffDelay(attempt, config.retry);
        config.log("info", `retrying ${operation.operationId} in ${delayMs} ms`, {
          attempt: attempt + 1,
          reason: error.message,
        });
        await sleep(delayMs, options.signal);
        continue;
      }
      if (validateResponses !== "off") {
        const { status, headers } = sent.response;
        const body = operation.response === "json" && !(sent.data instanceof Blob) ? sent.data : undefined;
        await this.#checkResponse(operation, validateResponses, status, headers, body, url);
      }
      return sent;
    }
  }

  /** Checks one response with the client's response validation (resolveConfig made sure it has one). */
  async #checkResponse(
    operation: OperationDescriptor,
    mode: Exclude<ResponseValidationMode, "off">,
    status: number,
    headers: Headers,
    body: unknown,
    url: string,
  ): Promise<void> {
    const config = this.#config;
    const validator = config.responseValidation;
    if (!validator) return;
    this.#validation ??= validator.start({
      log: config.log,
      onDrift: config.onDrift,
      sampleRate: config.driftSampleRate,
      apiKey: config.apiKey,
    });
    await this.#validation.check(operation, mode, { status, headers, body, url });
  }

  /**
   * What response validation has found so far, by operation, status, place and problem, with counts
   * (empty while validation is off). JSON-serialisable: save it and run `ango-drift-summary` on it.
   */
  driftReport(): DriftReport {
    return (
      this.#validation?.report() ?? {
        format: "ango-drift-report/1",
        generatedAt: new Date().toISOString(),
        responsesChecked: 0,
        responsesWithDrift: 0,
        droppedOccurrences: 0,
        entries: [],
      }
    );
  }

  /** One attempt: the parsed body and its response, or a thrown AngoError (or the caller's abort reason). */
  async #attempt<T>(
    operation: OperationDescriptor,
    url: string,
    headers: Record<string, string>,
    body: BodyInit | undefined,
    callerSignal: AbortSignal | undefined,
    timeoutMs: number,
  ): Promise<Sent<T>> {
    if (callerSignal?.aborted) throw callerSignal.reason;
    const config = this.#config;
    const key = config.apiKey;
    const method = operation.method;
    const controller = new AbortController();
    const onCallerAbort = callerSignal && (() => controller.abort(callerSignal.reason));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`Timed out after ${timeoutMs} ms`, "TimeoutError"));
    }, timeoutMs);
    if (onCallerAbort) callerSignal.addEventListener("abort", onCallerAbort, { once: true });
    try {
      if (config.log.enabled("debug"))
        config.log("debug", `${method} ${scrubKey(url, key)}`, {
          headers: { [config.keyHeader]: redactKey(key) },
        });
      const init = {
        method,
        headers,
        body: body ?? null,
        signal: controller.signal,
        redirect: "manual" as const,
        // Fetch refuses a stream body without it (Node, Deno): the request is sent as the stream is read.
        ...(body instanceof ReadableStream ? { duplex: "half" as const } : {}),
      };
      let response = await sendWithKey(config, url, init);
      if (isRedirect(response)) response = await followRedirects(config, url, init, response);
      if (response.ok) {
        const data = (
          operation.response === "blob" || operation.binary?.includes(response.status)
            ? await response.blob()
            : successBody(operation, response, await response.text(), key, url)
        ) as T;
        return { data, response };
      }
      const errorBody = errorBodyOf(await response.text(), key);
      throw apiErrorFor({
        ...responseInfo(response, method, url, key),
        body: errorBody,
        serverMessage: serverMessage(errorBody, config.errorMessagePaths),
      });
    } catch (thrown) {
      if (callerSignal?.aborted) throw callerSignal.reason;
      const shownUrl = scrubKey(url, key);
      if (timedOut)
        throw new AngoTimeoutError(`${method} ${shownUrl} timed out after ${timeoutMs} ms`, {
          method,
          url: shownUrl,
          timeoutMs,
        });
      if (thrown instanceof AngoError) throw thrown;
      const cause = scrubbedCauses(thrown, key);
      // The first code down the chain (ECONNREFUSED); without one, every distinct message in it
      // (`fetch failed: bad port`).
      let code: string | undefined;
      const said: string[] = [];
      for (let at = cause as (Error & { code?: string }) | undefined; at; at = at.cause as typeof at) {
        code ??= at.code;
        if (!said.includes(at.message)) said.push(at.message);
      }
      throw new AngoConnectionError(
        `${method} ${shownUrl} failed: ${code ?? said.join(": ")}`,
        { method, url: shownUrl, code },
        { cause },
      );
    } finally {
      clearTimeout(timer);
      if (onCallerAbort) callerSignal.removeEventListener("abort", onCallerAbort);
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

/**
 * An error body as the error keeps it: parsed JSON with the key scrubbed, or the scrubbed text when it is
 * not JSON or is nested too deeply to walk (scrubKeyDeep's limit).
 */
function errorBodyOf(text: string, key: string): unknown {
  if (text === "") return undefined;
  try {
    return scrubKeyDeep(JSON.parse(text), key);
  } catch {
    return scrubKey(text, key);
  }
}

/** What an error says about the response, with the key scrubbed from headers and URL. */
function responseInfo(response: Response, method: string, url: string, key: string) {
  return {
    status: response.status,
    headers: scrubHeaders(response.headers, key),
    method,
    url: scrubKey(url, key),
  };
}

/** A 2xx body read as text, turned into what the operation's descriptor says it returns. */
function successBody(
  operation: OperationDescriptor,
  response: Response,
  text: string,
  key: string,
  url: string,
): unknown {
  const kind = operation.response;
  if (kind === "text") return text;
  if (
    kind === "none" ||
    (text === "" &&
      (response.status === 204 || response.status === 205 || operation.bodiless?.includes(response.status)))
  )
    return undefined;
  try {
    return JSON.parse(text);
  } catch {
    const info = responseInfo(response, operation.method, url, key);
    const shown = scrubKey(text, key);
    throw new AngoResponseParseError(
      { ...info, body: shown },
      `${info.status} from ${info.method} ${info.url} ${
        text === ""
          ? "had an empty body where the spec promises JSON"
          : `is not JSON (content-type: ${info.headers.get("content-type") ?? "none"}): ${shown.slice(0, 120)}`
      }.`,
    );
  }
}
