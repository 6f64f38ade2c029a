import { AngoInvalidRequestError, AngoRedirectError } from "./errors.js";
import { scrubKey } from "./redact.js";

/** The fetch the client calls; the standard `fetch(input, init)` shape. */
export type FetchLike = (input: Request | string, init?: RequestInit) => Promise<Response>;

export interface KeyGuard {
  /** The configured server's origin, e.g. `https://us-api.ango.ai`. The key goes nowhere else. */
  origin: string;
  /** Lower-case, as the header objects the guard is given are. */
  keyHeader: string;
  apiKey: string;
  /** The key header's value: the key, after `"Bearer "` for a bearer scheme. */
  keyValue: string;
  fetch: FetchLike;
}

/** What the guard sends: `headers` is a plain object with lower-case names, made for this request. */
export type GuardedInit = RequestInit & { headers: Record<string, string> };

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Sends one request with the API key, to the configured origin only. `redirect` is always `"manual"`,
 * whatever the caller asked for: fetch would otherwise forward the key header on a cross-origin redirect.
 * The key is added to `init.headers` itself (no copy: the object is made for this request).
 */
export function sendWithKey(guard: KeyGuard, url: string, init: GuardedInit): Promise<Response> {
  const origin = guard.origin;
  const next = url[origin.length];
  if (!url.startsWith(origin) || (next !== undefined && next !== "/" && next !== "?")) {
    throw new AngoInvalidRequestError(
      `Refusing to send the API key to ${new URL(url).origin}: this client is configured for ${origin}. Create a client for that server instead.`,
    );
  }
  init.headers[guard.keyHeader] = guard.keyValue;
  init.redirect = "manual";
  return guard.fetch(url, init);
}

/** Whether a response must go through followRedirects before it is used. */
export function isRedirect(response: Response): boolean {
  // An opaque redirect (browsers) has status 0; reading `type` only then keeps the common path short.
  const status = response.status;
  return status === 0
    ? response.type === "opaqueredirect"
    : REDIRECT_STATUSES.has(status) && response.headers.has("location");
}

/**
 * Follows a redirect answer of sendWithKey to the same origin only (up to 5 hops): 307/308 keep method and
 * body, 303 (and 301/302 after a POST) become a GET without body. A redirect to another origin throws
 * AngoRedirectError. A stream body can be read only once, so a 307/308 of a request with one is returned
 * unfollowed.
 */
export async function followRedirects(
  guard: KeyGuard,
  url: string,
  init: GuardedInit,
  response: Response,
): Promise<Response> {
  let { method = "GET", body, headers } = init;
  const scrub = (text: string) => scrubKey(text, guard.apiKey);
  for (let hop = 0; isRedirect(response); hop++) {
    const status = response.type === "opaqueredirect" ? 0 : response.status;
    const target = status ? new URL(response.headers.get("location") as string, url) : undefined;
    const why = refusedRedirect(target, guard.origin, hop);
    if (why) {
      void response.body?.cancel().catch(() => {});
      throw new AngoRedirectError(
        `${status || "A"} redirect from ${method} ${scrub(url)} not followed: ${why}.`,
        {
          status,
          method,
          url: scrub(url),
          location: target ? scrub(target.origin === guard.origin ? target.href : target.origin) : "",
        },
      );
    }
    const keepsMethod = status === 307 || status === 308;
    if (keepsMethod && body instanceof ReadableStream) return response;
    void response.body?.cancel().catch(() => {});
    if (!keepsMethod && (status === 303 || method === "POST")) {
      method = "GET";
      body = null;
      // A copy: the caller's object may be sent again by a retry.
      const { "content-type": _dropped, ...rest } = headers;
      headers = rest;
    }
    url = (target as URL).href;
    response = await sendWithKey(guard, url, { ...init, method, body, headers });
  }
  return response;
}

/** sendWithKey and followRedirects in one call, for the raw client. */
export async function guardedFetch(guard: KeyGuard, url: string, init: GuardedInit): Promise<Response> {
  return followRedirects(guard, url, init, await sendWithKey(guard, url, init));
}

/** Why a redirect is not followed, or undefined when it may be. */
function refusedRedirect(target: URL | undefined, origin: string, hop: number): string | undefined {
  if (!target) return "browsers hide the target";
  if (target.origin !== origin)
    return `it points to another origin (${target.origin}), which must never receive the API key`;
  if (hop >= MAX_REDIRECTS) return `more than ${MAX_REDIRECTS} redirects`;
  return undefined;
}
