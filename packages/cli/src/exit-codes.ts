// What a failure prints and which exit status it gives, by error class: scripts branch on the status.
import {
  AngoAuthenticationError,
  AngoConfigError,
  AngoConnectionError,
  AngoError,
  AngoInvalidRequestError,
  AngoNotFoundError,
  AngoPermissionError,
  AngoRateLimitError,
  AngoResponseValidationError,
  AngoServerError,
  AngoValidationError,
} from "@ango-hub/client";
import { oneLine } from "./text.js";

/** Exit statuses, documented in the README; 1 is any other failure. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  config: 3,
  auth: 4,
  notFound: 5,
  validation: 6,
  rateLimit: 7,
  server: 8,
  connection: 9,
  /** The reader of stdout went away: what a Unix tool killed by SIGPIPE reports (128 + 13). */
  closedPipe: 141,
} as const;

/** A mistake on the command line: the message says what and how to fix it. */
export class UsageError extends Error {
  override name = "UsageError";
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof AngoConfigError) return EXIT.config;
  if (error instanceof AngoAuthenticationError || error instanceof AngoPermissionError) return EXIT.auth;
  if (error instanceof AngoNotFoundError) return EXIT.notFound;
  if (
    error instanceof AngoValidationError ||
    error instanceof AngoInvalidRequestError ||
    error instanceof AngoResponseValidationError
  )
    return EXIT.validation;
  if (error instanceof AngoRateLimitError) return EXIT.rateLimit;
  if (error instanceof AngoServerError) return EXIT.server;
  if (error instanceof AngoConnectionError) return EXIT.connection;
  return EXIT.failure;
}

/** The CLI's word for each client option it sets: a flag, or the variable it reads. */
const CLI_NAMES: Record<string, string> = {
  apiKey: "ANGO_API_KEY",
  server: "--server (or ANGO_BASE_URL, ANGO_SERVER)",
  timeoutMs: "--timeout-ms",
  maxRetries: "--max-retries",
  logLevel: "--log-level (or ANGO_LOG)",
  validateResponses: "--validate-responses",
  responseValidation: "--validate-responses",
};

/**
 * A configuration error in the CLI's words: its flag or variable, never the library's option (the CLI
 * has no `apiKey` or `allowInsecureHttp`). Undefined where the CLI has no word for the option.
 */
function configMessage(error: AngoConfigError): string | undefined {
  const name = error.option === undefined ? undefined : CLI_NAMES[error.option];
  if (name === undefined) return undefined;
  if (error.option === "apiKey")
    return error.problem === "missing"
      ? "no API key: set ANGO_API_KEY to your key (the CLI reads it from the environment only, so it stays out of your shell's history)."
      : "ANGO_API_KEY holds whitespace, control or non-Latin-1 characters; copy the key again without them.";
  // Worded from the error's fields, never from the client's message (which names library options).
  if (error.option === "responseValidation")
    return `${name} is not available: this catalog of commands has no response plans to check against.`;
  if (error.problem === "insecure")
    return `Refusing http://${error.received ?? ""}: the API key would be sent unencrypted. Give ${name} an https:// URL (plain http is for localhost only).`;
  if (error.problem === "invalid" && error.expected !== undefined)
    return `${name} must be ${error.expected}, got ${error.received ?? "nothing"}.`;
  return undefined;
}

/**
 * One line for stderr: the class, the status and request id when there was a response, and the message
 * (the client's messages carry the server's message and never the key).
 */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return `ango: ${oneLine(String(error), 500)}`;
  if (error instanceof UsageError) return `ango: ${oneLine(error.message, 500)}`;
  const configured = error instanceof AngoConfigError ? configMessage(error) : undefined;
  if (configured !== undefined) return `ango: ${oneLine(configured, 500)}`;
  const details = error as { status?: unknown; requestId?: unknown; serverMessage?: unknown };
  const parts = [error.name];
  if (typeof details.status === "number") parts.push(String(details.status));
  if (typeof details.requestId === "string") parts.push(`(request ${oneLine(details.requestId, 100)})`);
  // The server's own words when its body has them (the client's rule), else the client's line; no escape
  // sequence of either may reach the terminal.
  const message = typeof details.serverMessage === "string" ? details.serverMessage : error.message;
  return `ango: ${parts.join(" ")}: ${oneLine(error instanceof AngoError ? message : `unexpected failure: ${message}`, 500)}`;
}
