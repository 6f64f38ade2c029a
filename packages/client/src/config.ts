import { AngoConfigError } from "./errors.js";
import type { ServerPreset } from "./generated/internal.js";
import type { FetchLike, KeyGuard } from "./guarded-fetch.js";
import { type AngoLogger, createLog, LOG_LEVELS, type Log, type LogLevel } from "./log.js";
import type { CallOptions, ResponseValidationMode } from "./operation.js";
import { scrubKey } from "./redact.js";
import { headerProblem } from "./request.js";
import type { DriftEvent } from "./validation/drift.js";
import type { ResponseValidator } from "./validation/index.js";

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
  /**
   * Check each response against the spec: `"off"` (default), `"observe"` (each new kind of difference
   * goes to `onDrift` and to the log at `warn`, once per operation, place and problem; nothing throws) or
   * `"enforce"` (a 2xx with breaking drift throws AngoResponseValidationError). An extra field or an
   * unknown enum value is never an error, unless the spec closes the object. Error bodies are checked too,
   * and still throw their own error class. See `driftReport()`. Needs `responseValidation`.
   */
  validateResponses?: ResponseValidationMode | undefined;
  /**
   * The response checker and the spec's response plans: `responseValidation` from
   * `@ango-hub/client/validation`. Kept out of the main entry point, so a bundle that never validates
   * carries none of it; required for `validateResponses` other than `"off"`, here or per call.
   */
  responseValidation?: ResponseValidator | undefined;
  /** Called once per new drift (operation, status, place, problem); never given a value from the response. */
  onDrift?: ((event: DriftEvent) => void) | undefined;
  /** The share of responses `"observe"` checks, from 0 to 1. Default 1. `"enforce"` checks every response. */
  driftSampleRate?: number | undefined;
}

/** The options as the runtime uses them; it is also the key guard (origin, key header, key, fetch). */
export interface ResolvedConfig extends KeyGuard {
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  retry: Required<RetryOptions>;
  headers: Record<string, string>;
  log: Log;
  validateResponses: ResponseValidationMode;
  responseValidation: ResponseValidator | undefined;
  onDrift: ((event: DriftEvent) => void) | undefined;
  driftSampleRate: number;
  errorMessagePaths: ApiAccess["errorMessagePaths"];
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RETRIES = 2;
export const RETRY_DEFAULTS: Required<RetryOptions> = {
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};
type Env = Record<string, string | undefined>;

/** setTimeout fires at once for longer delays, so no time option may exceed it. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const MAX_RETRIES = 100;

/** Every option's check fails the same way: what was expected, and what came instead (cleaned, cut). */
function refuse(name: string, expected: string, value: unknown, shown = shownValue(value)): never {
  throw new AngoConfigError(`${name} must be ${expected}, got ${shown}.`, name.split(" ")[0], "invalid", {
    expected,
    received: shown,
  });
}

/** The caller's own value, quoted and cut (it is the caller's text, so it is not cleaned here). */
function shownValue(value: unknown): string {
  const text = String(value);
  const cut = text.length > 200 ? `${text.slice(0, 199)}…` : text;
  return typeof value === "string" ? `"${cut}"` : cut;
}

/**
 * A server value as an error may show it: never the user name, password, query or fragment, which may
 * hold credentials or the key (`https://u:SECRET@host/v2`, `https://host/v2?key=...`).
 */
function shownServer(value: unknown): string {
  if (typeof value !== "string") return shownValue(value);
  const hidden = value.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/]*@/i, "$1***@").replace(/([?#]).+$/s, "$1***");
  return `${shownValue(hidden)}${hidden !== value ? " (credentials, query and fragment hidden)" : ""}`;
}

/** `value` (or `fallback` when unset) in [min, max]: milliseconds up to the timer limit, else a whole number. */
function numberOption(
  name: string,
  value: unknown,
  fallback: number,
  min: number,
  max = MAX_TIMER_MS,
): number {
  if (value === undefined) return fallback;
  const whole = max !== MAX_TIMER_MS;
  if (typeof value !== "number" || !(value >= min && value <= max) || (whole && !Number.isInteger(value)))
    refuse(
      name,
      whole
        ? `a whole number from ${min} to ${max}`
        : `a number of milliseconds from ${min} to ${max} (the longest a timer can wait)`,
      value,
    );
  return value;
}

function booleanOption(name: string, value: unknown): boolean {
  if (value !== undefined && typeof value !== "boolean") refuse(name, "true or false", value);
  return value === true;
}

/** Refuses keys outside `allowed`, naming them and the valid ones: a misspelt option must not be ignored. */
function knownKeys(name: string, value: unknown, allowed: readonly string[]): void {
  if (typeof value !== "object" || value === null) refuse(`The ${name}s`, "an object", value);
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length > 0)
    throw new AngoConfigError(`Unknown ${name} "${unknown.join('", "')}". Valid: ${allowed.join(", ")}.`);
}

/**
 * What the runtime takes from a spec: its servers by preset name, the default one, where the API key
 * goes, and where an error body keeps its message. The generated servers module gives the spec's (spec-access.ts); a client generated from another
 * document hands the runtime its own.
 */
export interface ApiAccess {
  readonly serverPresets: Readonly<Record<string, string>>;
  readonly defaultServerPreset: string;
  /**
   * The header that carries the key, and what goes before it there (`"Bearer "` for a bearer scheme; the
   * codegen always writes it, and an access made by hand without it sends the key alone).
   */
  readonly apiKeyScheme: { readonly in: string; readonly name: string; readonly prefix?: string };
  /** Where an error body says what went wrong: paths of property names, the first string found wins. */
  readonly errorMessagePaths: readonly (readonly string[])[];
}

/**
 * Header names lower-cased and checked the way fetch would check them, before any request is sent;
 * `keyHeader` (lower case) is refused, as the key is passed as apiKey.
 */
export function headersOption(
  name: string,
  headers: unknown,
  keyHeader: string,
  makeError: (message: string) => Error = (message) => new AngoConfigError(message),
): Record<string, string> {
  const result: Record<string, string> = {};
  if (typeof headers !== "object" || headers === null)
    throw makeError(`${name} must be an object of header names to strings.`);
  for (const [header, value] of Object.entries(headers)) {
    const lower = header.toLowerCase();
    if (typeof value !== "string") throw makeError(`${name}: "${header}" must be a string.`);
    if (lower === keyHeader)
      throw makeError(`${name}: "${header}" is the API key header; pass the key as apiKey.`);
    const problem = headerProblem(header, value);
    if (problem) throw makeError(`${name}: ${problem}.`);
    result[lower] = value;
  }
  return result;
}

/** A preset name or an http(s) base URL; plain http only to loopback unless allowed. */
function resolveBaseUrl(
  server: unknown,
  allowInsecureHttp: boolean,
  serverPresets: ApiAccess["serverPresets"],
): URL {
  // A preset's URL comes from the spec: it passes the same checks as a URL given here (so does the codegen).
  const text =
    typeof server === "string" && Object.hasOwn(serverPresets, server) ? serverPresets[server] : server;
  let url: URL | undefined;
  try {
    url = new URL(text as string);
  } catch {
    // Neither a preset nor a URL: refused below.
  }
  // The text is checked for "?" and "#": an empty query or fragment leaves url.search and url.hash empty.
  if (
    !url ||
    !/^https?:$/.test(url.protocol) ||
    url.username ||
    url.password ||
    /[?#]/.test(text as string)
  ) {
    refuse(
      "server",
      `one of "${Object.keys(serverPresets).join('", "')}" or an http(s) base URL without credentials, query or fragment, such as "https://host/v2"`,
      server,
      shownServer(server),
    );
  }
  if (
    url.protocol === "http:" &&
    !/^(localhost|\[::1\]|127(\.\d{1,3}){3})$/.test(url.hostname) &&
    !allowInsecureHttp
  ) {
    throw new AngoConfigError(
      `Refusing http://${url.host}: the API key would be sent unencrypted. Use https://, or set allowInsecureHttp: true.`,
      "server",
      "insecure",
      { received: url.host },
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
  "validateResponses",
  "responseValidation",
  "onDrift",
  "driftSampleRate",
] as const satisfies readonly (keyof AngoClientOptions)[];

const VALIDATION_MODES: readonly ResponseValidationMode[] = ["off", "observe", "enforce"];

/** A validation mode; one other than "off" needs the client's responseValidation. */
function validationMode(
  name: string,
  value: unknown,
  fallback: ResponseValidationMode,
  validator: ResponseValidator | undefined,
): ResponseValidationMode {
  if (value === undefined) return fallback;
  if (!VALIDATION_MODES.includes(value as ResponseValidationMode))
    refuse(name, `one of "${VALIDATION_MODES.join('", "')}"`, value);
  if (value !== "off" && !validator)
    throw new AngoConfigError(
      `${name}: "${value}" needs the client's responseValidation option: import { responseValidation } from "@ango-hub/client/validation" and pass it to createAngoClient.`,
      "responseValidation",
      "missing",
    );
  return value as ResponseValidationMode;
}

function validatorOption(value: unknown): ResponseValidator | undefined {
  if (value !== undefined && typeof (value as ResponseValidator | null)?.start !== "function")
    refuse("responseValidation", "responseValidation from @ango-hub/client/validation", value);
  return value as ResponseValidator | undefined;
}

/**
 * The options checked and resolved. A configuration error never shows the key: one passed by mistake as
 * another option's value (the server, a header) is scrubbed from the message.
 */
export function resolveConfig(options: AngoClientOptions, access: ApiAccess): ResolvedConfig {
  try {
    return resolveOptions(options, access);
  } catch (error) {
    const env = (globalThis as { process?: { env?: Env } }).process?.env ?? {};
    const key = (typeof options?.apiKey === "string" ? options.apiKey : undefined) || env.ANGO_API_KEY;
    if (error instanceof AngoConfigError && key && scrubKey(error.message, key) !== error.message)
      throw new AngoConfigError(scrubKey(error.message, key), error.option, error.problem, {
        expected: error.expected,
        received: error.received && scrubKey(error.received, key),
      });
    throw error;
  }
}

function resolveOptions(options: AngoClientOptions, access: ApiAccess): ResolvedConfig {
  knownKeys("option", options, OPTION_NAMES);
  // Stainless's test for a browser: a DOM window and a navigator (jsdom test runners count as browsers too).
  const g = globalThis as { window?: { document?: unknown }; navigator?: unknown; process?: { env?: Env } };
  if (
    g.window?.document !== undefined &&
    g.navigator !== undefined &&
    !booleanOption("dangerouslyAllowBrowser", options.dangerouslyAllowBrowser)
  ) {
    throw new AngoConfigError(
      "Refusing to run in a browser: anyone who opens the page could read the API key. Call Ango Hub from a server, or pass dangerouslyAllowBrowser: true if only you use the page.",
    );
  }
  // Read without importing Node built-ins, so the client runs in browsers and workers. An empty variable
  // counts as unset, as shells and CI systems often export them empty.
  const env: Env = g.process?.env ?? {};
  const fromEnv = (name: string) => env[name] || undefined;
  const apiKey = options.apiKey ?? fromEnv("ANGO_API_KEY");
  if (typeof apiKey !== "string" || apiKey.trim() === "")
    throw new AngoConfigError(
      "Missing API key: pass apiKey or set the ANGO_API_KEY environment variable.",
      "apiKey",
      "missing",
    );
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a header value cannot hold them
  if (/[\s\u0000-\u001f\u007f]|[^\u0000-\u00ff]/.test(apiKey))
    throw new AngoConfigError(
      "The API key contains whitespace, control or non-Latin-1 characters; copy it again without them.",
      "apiKey",
      "invalid",
    );
  const server =
    options.server ?? fromEnv("ANGO_BASE_URL") ?? fromEnv("ANGO_SERVER") ?? access.defaultServerPreset;
  const url = resolveBaseUrl(
    server,
    booleanOption("allowInsecureHttp", options.allowInsecureHttp),
    access.serverPresets,
  );
  const keyHeader = access.apiKeyScheme.name.toLowerCase();
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function")
    refuse("fetch", "a function (this runtime has no global fetch)", fetchImpl);
  const retry = options.retry ?? {};
  knownKeys("retry option", retry, Object.keys(RETRY_DEFAULTS));
  const retryOption = (name: keyof RetryOptions) =>
    numberOption(`retry.${name}`, retry[name], RETRY_DEFAULTS[name], 0);
  const logLevel = options.logLevel ?? fromEnv("ANGO_LOG") ?? "warn";
  if (!LOG_LEVELS.includes(logLevel as LogLevel))
    refuse("logLevel (or ANGO_LOG)", `one of ${LOG_LEVELS.join(", ")}`, logLevel);
  const logger = options.logger ?? (globalThis as { console: AngoLogger }).console;
  if (LOG_LEVELS.slice(1).some((level) => typeof logger?.[level as keyof AngoLogger] !== "function"))
    throw new AngoConfigError("logger must have error, warn, info and debug methods (console does).");
  const responseValidation = validatorOption(options.responseValidation);
  return {
    apiKey,
    keyHeader,
    keyValue: (access.apiKeyScheme.prefix ?? "") + apiKey,
    baseUrl: url.href.replace(/\/+$/, ""),
    origin: url.origin,
    timeoutMs: numberOption("timeoutMs", options.timeoutMs, DEFAULT_TIMEOUT_MS, 1),
    maxRetries: numberOption("maxRetries", options.maxRetries, DEFAULT_MAX_RETRIES, 0, MAX_RETRIES),
    retry: {
      baseDelayMs: retryOption("baseDelayMs"),
      maxDelayMs: retryOption("maxDelayMs"),
      maxRetryAfterMs: retryOption("maxRetryAfterMs"),
    },
    headers: headersOption("headers", options.headers ?? {}, keyHeader),
    errorMessagePaths: access.errorMessagePaths,
    // Called unbound: some fetch implementations throw "Illegal invocation" when `this` is not globalThis.
    fetch: (input, init) => fetchImpl(input, init),
    log: createLog(logger, logLevel as LogLevel),
    validateResponses: validationMode(
      "validateResponses",
      options.validateResponses,
      "off",
      responseValidation,
    ),
    responseValidation,
    onDrift:
      options.onDrift === undefined || typeof options.onDrift === "function"
        ? options.onDrift
        : refuse("onDrift", "a function", options.onDrift),
    driftSampleRate: sampleRate(options.driftSampleRate),
  };
}

function sampleRate(value: unknown): number {
  if (value === undefined) return 1;
  if (typeof value !== "number" || !(value >= 0 && value <= 1))
    refuse("driftSampleRate", "a number from 0 to 1", value);
  return value;
}

const CALL_OPTION_NAMES = [
  "signal",
  "timeoutMs",
  "maxRetries",
  "idempotent",
  "headers",
  "validateResponses",
] as const satisfies readonly (keyof CallOptions)[];

/** A call's own limits, checked with the client's rules; its `headers` are checked where they are used. */
export function resolveCallOptions(
  config: ResolvedConfig,
  options: CallOptions,
): { timeoutMs: number; maxRetries: number; validateResponses: ResponseValidationMode } {
  knownKeys("call option", options, CALL_OPTION_NAMES);
  const { signal, idempotent } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal))
    refuse("signal", "an AbortSignal, e.g. AbortSignal.timeout(5000)", signal);
  booleanOption("idempotent", idempotent);
  return {
    timeoutMs: numberOption("timeoutMs", options.timeoutMs, config.timeoutMs, 1),
    maxRetries: numberOption("maxRetries", options.maxRetries, config.maxRetries, 0, MAX_RETRIES),
    validateResponses: validationMode(
      "validateResponses",
      options.validateResponses,
      config.validateResponses,
      config.responseValidation,
    ),
  };
}
