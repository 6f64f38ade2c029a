import { AngoInvalidRequestError, AngoRedirectError } from "./errors.js";
import type { RequestPlan } from "./request-plan.js";

/** The fetch the client calls; the standard `fetch(input, init)` shape. */
export type FetchLike = (input: Request | string, init?: RequestInit) => Promise<Response>;

export interface GuardedFetchConfig {
  /** The configured server's origin, e.g. `https://us-api.ango.ai`. The key goes nowhere else. */
  origin: string;
  keyHeader: string;
  apiKey: string;
  fetch: FetchLike;
}

/** What a typed operation call adds to the Request openapi-fetch built. */
export interface CallContext {
  signal: AbortSignal;
  /** The body as sent: JSON text for JSON operations, the caller's value (FormData, Blob, text) otherwise. */
  body: BodyInit | undefined;
}

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function sameOrigin(url: string, origin: string): boolean {
  return url === origin || url.startsWith(`${origin}/`) || url.startsWith(`${origin}?`);
}

/**
 * Sends a request with the API key, to the configured origin only, with `redirect: "manual"` because
 * fetch would otherwise forward the key header on a cross-origin redirect. A redirect to any other
 * origin is never followed and throws AngoRedirectError. Same-origin redirects are followed (up to 5):
 * 307/308 keep method and body, 303 (and 301/302 after a POST) become a GET without body.
 *
 * Typed operations pass `call` (their signal and JSON text): the request is then sent as
 * `fetch(url, init)` with the text as body, so fetch builds one Request from a string instead of copying
 * openapi-fetch's Request and its body stream, and a 307/308 can resend the body. Without `call` (the raw
 * client) openapi-fetch's Request is sent as it is; its body can be read only once, so a 307/308 of a
 * request with a body is returned to the caller unfollowed.
 */
export async function guardedFetch(
  config: GuardedFetchConfig,
  request: Request | RequestPlan,
  call?: CallContext,
): Promise<Response> {
  let url = request.url;
  let method = request.method;
  const headers = request.headers;
  let body = call?.body;
  let original = call || !(request instanceof Request) ? undefined : request;
  for (let hop = 0; ; hop++) {
    if (!sameOrigin(url, config.origin)) {
      throw new AngoInvalidRequestError(
        `Refusing to send the API key to ${new URL(url).origin}: this client is configured for ${config.origin}. Create a client for that server instead.`,
      );
    }
    headers.set(config.keyHeader, config.apiKey);
    const response = original
      ? await config.fetch(original)
      : await config.fetch(url, {
          method,
          headers,
          body,
          signal: call?.signal ?? request.signal,
          redirect: "manual",
        });
    if (response.type === "opaqueredirect") {
      throw new AngoRedirectError(
        `${method} ${url} was redirected; browsers hide the target, so it was not followed.`,
        {
          status: 0,
          method,
          url,
          location: "",
        },
      );
    }
    const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get("location") : null;
    if (location === null) return response;

    const target = new URL(location, url);
    const fail = (why: string, shown: string) => {
      void response.body?.cancel();
      return new AngoRedirectError(
        `${response.status} redirect from ${method} ${url} not followed: ${why}.`,
        {
          status: response.status,
          method,
          url,
          location: shown,
        },
      );
    };
    if (target.origin !== config.origin) {
      throw fail(
        `it points to another origin (${target.origin}), which must never receive the API key`,
        target.origin,
      );
    }
    if (hop >= MAX_REDIRECTS) throw fail(`more than ${MAX_REDIRECTS} redirects`, target.href);

    const keepsMethod = response.status === 307 || response.status === 308;
    if (keepsMethod && original && original.body !== null) return response;
    void response.body?.cancel();
    if (!keepsMethod && (response.status === 303 || method === "POST")) {
      method = "GET";
      body = undefined;
      headers.delete("content-type");
    }
    url = target.href;
    original = undefined;
  }
}
