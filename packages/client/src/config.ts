import { AngoConfigError } from "./errors.js";
import { defaultServerPreset, type ServerPreset, serverPresets } from "./generated/servers.js";
import type { FetchLike } from "./guarded-fetch.js";
import { RETRY_DEFAULTS, type RetryOptions } from "./retry.js";

/** Receives one line per attempt and retry. Keys are already redacted. */
export interface AngoLogger {
  debug(message: string, details?: Record<string, unknown>): void;
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
  allowInsecureHttp?: boolean;
  /** Time limit per attempt, in ms. Default 60000. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** Backoff and `Retry-After` limits. */
  retry?: RetryOptions;
  /** Headers sent with every request (the API key header is always set by the client). */
  headers?: Record<string, string>;
  /** A fetch implementation to use instead of `globalThis.fetch`. */
  fetch?: FetchLike | typeof globalThis.fetch;
  /** Where request and retry logs go. Default: none. */
  logger?: AngoLogger;
}

export interface ResolvedConfig {
  apiKey: string;
  baseUrl: string;
  origin: string;
  timeoutMs: number;
  maxRetries: number;
  retry: Required<RetryOptions>;
  headers: Record<string, string>;
  fetch: FetchLike;
  logger: AngoLogger | undefined;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RETRIES = 2;

type Env = Record<string, string | undefined>;

// Reads the environment without importing Node built-ins, so the client runs in browsers and workers.
function readEnv(): Env {
  return (globalThis as { process?: { env?: Env } }).process?.env ?? {};
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** `value` (or `fallback` when unset), checked: client options and per-call options use the same rule. */
export function nonNegativeInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new AngoConfigError(`${name} must be a whole number of 0 or more, got ${String(value)}.`);
  }
  return value;
}

/** Same for time limits in milliseconds. */
export function positiveMilliseconds(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new AngoConfigError(`${name} must be a positive number of milliseconds, got ${String(value)}.`);
  }
  return value;
}

function resolveBaseUrl(server: string, allowInsecureHttp: boolean): URL {
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
  if (url.search || url.hash)
    throw new AngoConfigError("The server URL must not have a query string or fragment.");
  if (url.protocol === "http:" && !isLoopback(url.hostname) && !allowInsecureHttp) {
    throw new AngoConfigError(
      `Refusing http://${url.host}: the API key would be sent unencrypted. Use https://, or set allowInsecureHttp: true if you really mean it.`,
    );
  }
  return url;
}

export function resolveConfig(options: AngoClientOptions): ResolvedConfig {
  const env = readEnv();
  // An empty variable counts as unset, as shells and CI systems often export them empty.
  const fromEnv = (name: string) => env[name] || undefined;
  const apiKey = options.apiKey ?? fromEnv("ANGO_API_KEY");
  if (apiKey === undefined || apiKey.trim() === "") {
    throw new AngoConfigError(
      "Missing API key: pass apiKey to createAngoClient() or set the ANGO_API_KEY environment variable.",
    );
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a header value cannot hold them
  if (/[\s\u0000-\u001f\u007f]/.test(apiKey)) {
    throw new AngoConfigError(
      "The API key contains whitespace or control characters; copy it again without them.",
    );
  }
  const server = options.server ?? fromEnv("ANGO_BASE_URL") ?? fromEnv("ANGO_SERVER") ?? defaultServerPreset;
  const url = resolveBaseUrl(server, options.allowInsecureHttp === true);
  const fetchImpl = (options.fetch ?? globalThis.fetch) as FetchLike | undefined;
  if (typeof fetchImpl !== "function") {
    throw new AngoConfigError(
      "No fetch implementation: this runtime has no globalThis.fetch; pass one as fetch.",
    );
  }
  return {
    apiKey,
    baseUrl: url.href.replace(/\/+$/, ""),
    origin: url.origin,
    timeoutMs: positiveMilliseconds("timeoutMs", options.timeoutMs, DEFAULT_TIMEOUT_MS),
    maxRetries: nonNegativeInteger("maxRetries", options.maxRetries, DEFAULT_MAX_RETRIES),
    retry: { ...RETRY_DEFAULTS, ...options.retry },
    headers: { ...options.headers },
    // Called unbound: some fetch implementations throw "Illegal invocation" when `this` is not globalThis.
    fetch: (input, init) => fetchImpl(input, init),
    logger: options.logger,
  };
}
