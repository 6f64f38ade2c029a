// The raw client's rules, for any spec's paths and access: `raw.ts` binds them to the spec's, and the
// tests to the frozen seed's, so they hold whatever document spec/ holds.
import createClient, { type Client } from "openapi-fetch";
import { type AngoClientOptions, type ApiAccess, resolveConfig } from "./config.js";
import { AngoConfigError } from "./errors.js";
import { guardedFetch } from "./guarded-fetch.js";

/**
 * The options of createRawAngoClient: createAngoClient's, less those only the typed client acts on (the
 * raw client has no timeout, retries or response validation).
 */
export type RawAngoClientOptions = Omit<
  AngoClientOptions,
  | "timeoutMs"
  | "maxRetries"
  | "retry"
  | "validateResponses"
  | "responseValidation"
  | "onDrift"
  | "driftSampleRate"
>;

/** The options RawAngoClientOptions leaves out, refused at run time too (a JavaScript caller has no types). */
const TYPED_CLIENT_ONLY = [
  "timeoutMs",
  "maxRetries",
  "retry",
  "validateResponses",
  "responseValidation",
  "onDrift",
  "driftSampleRate",
] as const satisfies readonly Exclude<keyof AngoClientOptions, keyof RawAngoClientOptions>[];

/** An openapi-fetch client of `Paths` behind the key guard, with `access`'s servers and key header. */
export function createRawClient<Paths extends {}>(
  options: RawAngoClientOptions,
  access: ApiAccess,
): Client<Paths> {
  // An option the raw client would silently ignore is refused: a caller who asked for validation or a
  // timeout must not believe they have it.
  const ignored = TYPED_CLIENT_ONLY.filter(
    (name) =>
      typeof options === "object" && options !== null && (options as AngoClientOptions)[name] !== undefined,
  );
  if (ignored.length > 0)
    throw new AngoConfigError(
      `createRawAngoClient has no ${ignored.join(", ")}: it sends requests as openapi-fetch does. Use createAngoClient for timeouts, retries and response validation.`,
    );
  const config = resolveConfig(options, access);
  return createClient<Paths>({
    baseUrl: config.baseUrl,
    headers: config.headers,
    // openapi-fetch hands over a Request; it is sent as URL and init so the guard owns every option.
    fetch: (request) =>
      guardedFetch(config, request.url, {
        method: request.method,
        headers: Object.fromEntries(request.headers),
        body: request.body,
        signal: request.signal,
        ...(request.body ? { duplex: "half" } : {}),
      }),
  });
}
