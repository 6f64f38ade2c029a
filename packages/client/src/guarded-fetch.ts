import { AngoInvalidRequestError, AngoRedirectError } from "./errors.js";
import { scrubKey } from "./redact.js";

/** The fetch the client calls; the standard `fetch(input, init)` shape. */
export type FetchLike = (input: Request | string, init?: RequestInit) => Promise<Response>;

export interface GuardedFetchConfig {
  /** The configured server's origin, e.g. `https://us-api.ango.ai`. The key goes nowhere else. */
  origin: string;
  keyHeader: string;
  apiKey: string;
  fetch: FetchLike;
}

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function sameOrigin(url: string, origin: string): boolean {
  return url === origin || url.startsWith(`${origin}/`) || url.startsWith(`${origin}?`);
}

/**
 * Sends a request with the API key, to the configured origin only. `redirect` is always `"manual"`,
 * whatever the caller asked for, because fetch would otherwise forward the key header on a cross-origin
 * redirect. A redirect to another origin is never followed and throws AngoRedirectError. Same-origin
 * redirects are followed (up to 5): 307/308 keep method and body, 303 (and 301/302 after a POST) become
 * a GET without body. A Request's body can be read only once, so a 307/308 of a Request with a body is
 * returned to the caller unfollowed.
 */
export async function guardedFetch(
  config: GuardedFetchConfig,
  input: Request | string,
  init: RequestInit = {},
): Promise<Response> {
  let url = typeof input === "string" ? input : input.url;
  let method = init.method ?? (typeof input === "string" ? "GET" : input.method);
  let original = typeof input === "string" ? undefined : input;
  // The typed calls pass a plain object with lower-case names (cheaper than Headers); the raw client a Request.
  const headers: Record<string, string> | Headers =
    original || init.headers instanceof Headers || Array.isArray(init.headers)
      ? new Headers(init.headers ?? original?.headers)
      : { ...(init.headers as Record<string, string> | undefined) };
  let body = init.body;
  const scrub = (text: string) => scrubKey(text, config.apiKey);
  for (let hop = 0; ; hop++) {
    if (!sameOrigin(url, config.origin)) {
      throw new AngoInvalidRequestError(
        `Refusing to send the API key to ${new URL(url).origin}: this client is configured for ${config.origin}. Create a client for that server instead.`,
      );
    }
    if (headers instanceof Headers) headers.set(config.keyHeader, config.apiKey);
    else headers[config.keyHeader] = config.apiKey;
    const response = original
      ? await config.fetch(original, { headers, redirect: "manual", signal: init.signal ?? original.signal })
      : await config.fetch(url, { ...init, method, headers, body, redirect: "manual" });
    if (response.type === "opaqueredirect") {
      throw new AngoRedirectError(
        `${method} ${scrub(url)} was redirected; browsers hide the target, so it was not followed.`,
        { status: 0, method, url: scrub(url), location: "" },
      );
    }
    const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get("location") : null;
    if (location === null) return response;

    const target = new URL(location, url);
    const fail = (why: string, shown: string) => {
      void response.body?.cancel().catch(() => {});
      return new AngoRedirectError(
        `${response.status} redirect from ${method} ${scrub(url)} not followed: ${why}.`,
        { status: response.status, method, url: scrub(url), location: scrub(shown) },
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
    void response.body?.cancel().catch(() => {});
    if (!keepsMethod && (response.status === 303 || method === "POST")) {
      method = "GET";
      body = undefined;
      if (headers instanceof Headers) headers.delete("content-type");
      else delete headers["content-type"];
    }
    url = target.href;
    original = undefined;
  }
}
