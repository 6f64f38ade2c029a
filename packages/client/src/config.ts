import { AngoConfigError } from "./errors.js";
import { apiKeyScheme, defaultServerPreset, type ServerPreset, serverPresets } from "./generated/servers.js";
import type { FetchLike, KeyGuard } from "./guarded-fetch.js";
import { type AngoLogger, createLog, LOG_LEVELS, type Log, type LogLevel } from "./log.js";
import type { CallOptions } from "./operation.js";
import { headerProblem } from "./request.js";

export interface RetryOptions {
  /** First backoff step in ms; doubles per retry. Default 500. */
  baseDelayMs?: number;
  /** Upper bound of one backoff wait in ms. Default 8000. */
  maxDelayMs?: number;
  /** Longest `Retry-After` the client will honour, in ms; a longer one is not retried. Default 60000. */
  maxRetryAfterMs?: number;
}

export interface AngoClientOptions {
  /** Your Ango Hub API key. Default: the `ANGO_API_KEY` environment variable, where there is one. */
  apiKey?: string | undefined;
  /**
   * A server preset (`"eu"`, `"us"`, `"in"`, `"test"`) or a base URL such as `"https://host/v2"`.
   * Default: `ANGO_BASE_URL`, else `ANGO_SERVER`, else the spec's first server (`"eu"`).
   */
  server?: ServerPreset | (string & {}) | undefined;
  /** Allow an `http://` base URL on a non-loopback host (the key would travel unencrypted). Default false. */
  allowInsecureHttp?: boolean | undefined;
  /**
   * Allow the client to start in a browser. The vendor's docs say never to put an API key in client-side
   * code: anyone who opens the page can read it. Set this only for a page that only you use. Default false.
   */
  dangerouslyAllowBrowser?: boolean | undefined;
  /** Time limit per attempt, in ms: 1 to 2147483647 (the longest a JavaScript timer can wait). Default 60000. */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt: 0 to 100. Default 2. */
  maxRetries?: number | undefined;
  /** Backoff and `Retry-After` limits, each 0 to 2147483647 ms. */
  retry?: RetryOptions | undefined;
  /** Headers sent with every request (the API key header is always set by the client). */
  headers?: Record<string, string> | undefined;
  /** A fetch implementation to use instead of `globalThis.fetch`. */
  fetch?: FetchLike | typeof globalThis.fetch | undefined;
  /** Where log lines go. Default: `console`. */
  logger?: AngoLogger | undefined;
  /**
   * How much to log: `"off"`, `"error"`, `"warn"` (calls to deprecated operations), `"info"` (retries),
   * `"debug"` (every attempt). Default: the `ANGO_LOG` environment variable, else `"warn"`.
   */
  logLevel?: LogLevel | undefined;
}

/** The options as the runtime uses them; it is also the key guard (origin, key header, key, fetch). */
export interface ResolvedConfig extends KeyGuard {
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  retry: Required<RetryOptions>;
  headers: Record<string, string>;
  log: Log;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RETRIES = 2;
export const RETRY_DEFAULTS: Required<RetryOptions> = {
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};
/** setTimeout fires at once for longer delays, so no time option may exceed it. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const MAX_RETRIES = 100;
const WHOLE_NUMBER = "a whole number";
const MILLISECONDS = "a number of milliseconds";

type Env = Record<string, string | undefined>;

// Reads the environment without importing Node built-ins, so the client runs in browsers and workers.
function readEnv(): Env {
  return (globalThis as { process?: { env?: Env } }).process?.env ?? {};
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function isBrowser(): boolean {
  // Stainless's test: a DOM window and a navigator (jsdom-based test runners count as browsers too).
  const g = globalThis as { window?: { document?: unknown }; navigator?: unknown };
  return g.window?.document !== undefined && g.navigator !== undefined;
}

/** `value` (or `fallback` when unset), checked to be `unit` (whole numbers or milliseconds) in [min, max]. */
function numberOption(
  name: string,
  value: unknown,
  fallback: number,
  min: number,
  max: number,
  unit: typeof WHOLE_NUMBER | typeof MILLISECONDS,
): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== "number" ||
    !(value >= min && value <= max) ||
    (unit === WHOLE_NUMBER && !Number.isInteger(value))
  ) {
    const why = max === MAX_TIMER_MS ? " (the longest a timer can wait)" : "";
    throw new AngoConfigError(`${name} must be ${unit} from ${min} to ${max}${why}, got ${String(value)}.`);
  }
  return value;
}

function booleanOption(name: string, value: unknown): boolean {
  if (value !== undefined && typeof value !== "boolean")
    throw new AngoConfigError(`${name} must be true or false, got ${String(value)}.`);
  return value === true;
}

/** Refuses keys outside `allowed`, naming them and the valid ones: a misspelt option must not be ignored. */
function knownKeys(name: string, value: unknown, allowed: readonly string[]): void {
  if (typeof value !== "object" || value === null)
    throw new AngoConfigError(`The ${name}s must be an object, got ${String(value)}.`);
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw new AngoConfigError(
      `Unknown ${name} ${unknown.map((k) => `"${k}"`).join(", ")}. Valid: ${allowed.join(", ")}.`,
    );
  }
}

/** Header names lower-cased and checked the way fetch would check them, before any request is sent. */
export function headersOption(
  name: string,
  headers: unknown,
  makeError: (message: string) => Error = (message) => new AngoConfigError(message),
): Record<string, string> {
  const result: Record<string, string> = {};
  if (headers === undefined) return result;
  if (typeof headers !== "object" || headers === null)
    throw makeError(`${name} must be an object of header names to strings.`);
  for (const [header, value] of Object.entries(headers)) {
    const lower = header.toLowerCase();
    const problem =
      typeof value !== "string"
        ? `"${header}" must be a string`
        : lower === apiKeyScheme.name.toLowerCase()
          ? `"${header}" is the API key header; pass the key as apiKey`
          : headerProblem(header, value);
    if (problem) throw makeError(`${name}: ${problem}.`);
    result[lower] = value;
  }
  return result;
}

function resolveBaseUrl(server: unknown, allowInsecureHttp: boolean): URL {
  if (typeof server !== "string") throw new AngoConfigError(`server must be a string, got ${typeof server}.`);
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(server)) {
    if (Object.hasOwn(serverPresets, server)) return new URL(serverPresets[server as ServerPreset]);
    throw new AngoConfigError(
      `Unknown server "${server}". Use one of ${Object.keys(serverPresets)
        .map((k) => `"${k}"`)
        .join(", ")}, or a base URL such as "https://host/v2".`,
    );
  }
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new AngoConfigError(`The server URL "${server}" is not a valid URL.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new AngoConfigError(`The server URL must use https:// (got ${url.protocol}//).`);
  }
  if (url.username || url.password) {
    throw new AngoConfigError(
      "The server URL must not contain a user name or password; pass the API key as apiKey.",
    );
  }
  // Checked on the text: an empty "?" or "#" leaves url.search and url.hash empty but stays in href.
  if (/[?#]/.test(server))
    throw new AngoConfigError("The server URL must not have a query string or fragment.");
  if (url.protocol === "http:" && !isLoopback(url.hostname) && !allowInsecureHttp) {
    throw new AngoConfigError(
      `Refusing http://${url.host}: the API key would be sent unencrypted. Use https://, or set allowInsecureHttp: true if you really mean it.`,
    );
  }
  return url;
}

const OPTION_NAMES = [
  "apiKey",
  "server",
  "allowInsecureHttp",
  "dangerouslyAllowBrowser",
  "timeoutMs",
  "maxRetries",
  "retry",
  "headers",
  "fetch",
  "logger",
  "logLevel",
] as const satisfies readonly (keyof AngoClientOptions)[];

export function resolveConfig(options: AngoClientOptions): ResolvedConfig {
  knownKeys("option", options, OPTION_NAMES);
  if (isBrowser() && !booleanOption("dangerouslyAllowBrowser", options.dangerouslyAllowBrowser)) {
    throw new AngoConfigError(
      "Refusing to run in a browser: the API key would be readable by anyone who opens the page. Call Ango Hub from your server instead, or pass dangerouslyAllowBrowser: true if only you use this page.",
    );
  }
  const env = readEnv();
  // An empty variable counts as unset, as shells and CI systems often export them empty.
  const fromEnv = (name: string) => env[name] || undefined;
  const apiKey = options.apiKey ?? fromEnv("ANGO_API_KEY");
  if (typeof apiKey !== "string" || apiKey.trim() === "") {
    throw new AngoConfigError(
      "Missing API key: pass apiKey to createAngoClient() or set the ANGO_API_KEY environment variable.",
    );
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a header value cannot hold them
  if (/[\s\u0000-\u001f\u007f]|[^\u0000-\u00ff]/.test(apiKey)) {
    throw new AngoConfigError(
      "The API key contains whitespace, control or non-Latin-1 characters; copy it again without them.",
    );
  }
  const server = options.server ?? fromEnv("ANGO_BASE_URL") ?? fromEnv("ANGO_SERVER") ?? defaultServerPreset;
  const url = resolveBaseUrl(server, booleanOption("allowInsecureHttp", options.allowInsecureHttp));
  const fetchImpl = (options.fetch ?? globalThis.fetch) as FetchLike | undefined;
  if (typeof fetchImpl !== "function") {
    throw new AngoConfigError(
      "No fetch implementation: this runtime has no globalThis.fetch; pass one as fetch.",
    );
  }
  const retry = options.retry ?? {};
  knownKeys("retry option", retry, Object.keys(RETRY_DEFAULTS));
  const retryOption = (name: keyof RetryOptions) =>
    numberOption(`retry.${name}`, retry[name], RETRY_DEFAULTS[name], 0, MAX_TIMER_MS, MILLISECONDS);
  const logLevel = options.logLevel ?? fromEnv("ANGO_LOG") ?? "warn";
  if (!LOG_LEVELS.includes(logLevel as LogLevel)) {
    throw new AngoConfigError(
      `logLevel (or ANGO_LOG) must be one of ${LOG_LEVELS.join(", ")}, got "${String(logLevel)}".`,
    );
  }
  const logger = options.logger ?? (globalThis as { console: AngoLogger }).console;
  if (LOG_LEVELS.slice(1).some((level) => typeof logger?.[level as keyof AngoLogger] !== "function"))
    throw new AngoConfigError("logger must have error, warn, info and debug methods (console does).");
  return {
    apiKey,
    keyHeader: apiKeyScheme.name.toLowerCase(),
    baseUrl: url.href.replace(/\/+$/, ""),
    origin: url.origin,
    timeoutMs: numberOption(
      "timeoutMs",
      options.timeoutMs,
      DEFAULT_TIMEOUT_MS,
      1,
      MAX_TIMER_MS,
      MILLISECONDS,
    ),
    maxRetries: numberOption(
      "maxRetries",
      options.maxRetries,
      DEFAULT_MAX_RETRIES,
      0,
      MAX_RETRIES,
      WHOLE_NUMBER,
    ),
    retry: {
      baseDelayMs: retryOption("baseDelayMs"),
      maxDelayMs: retryOption("maxDelayMs"),
      maxRetryAfterMs: retryOption("maxRetryAfterMs"),
    },
    headers: headersOption("headers", options.headers),
    // Called unbound: some fetch implementations throw "Illegal invocation" when `this` is not globalThis.
    fetch: (input, init) => fetchImpl(input, init),
    log: createLog(logger, logLevel as LogLevel),
  };
}

const CALL_OPTION_NAMES = ["signal", "timeoutMs", "maxRetries", "idempotent", "headers"];

/** A call's own limits, checked with the client's rules; its `headers` are checked where they are used. */
export function resolveCallOptions(
  config: ResolvedConfig,
  options: CallOptions,
): { timeoutMs: number; maxRetries: number } {
  knownKeys("call option", options, CALL_OPTION_NAMES);
  const { signal, idempotent } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal))
    throw new AngoConfigError("signal must be an AbortSignal, e.g. AbortSignal.timeout(5000).");
  booleanOption("idempotent", idempotent);
  return {
    timeoutMs: numberOption("timeoutMs", options.timeoutMs, config.timeoutMs, 1, MAX_TIMER_MS, MILLISECONDS),
    maxRetries: numberOption(
      "maxRetries",
      options.maxRetries,
      config.maxRetries,
      0,
      MAX_RETRIES,
      WHOLE_NUMBER,
    ),
  };
}
