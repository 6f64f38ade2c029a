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
 * a GET without body. A stream body can be read only once, so a 307/308 of a request with one is
 * returned to the caller unfollowed.
 *
 * `init.headers` is a plain object with lower-case names, built for this call by the runtime or the raw
 * client: the guard adds the key to it (and may drop content-type on a redirect) instead of copying it.
 */
export async function guardedFetch(
  config: GuardedFetchConfig,
  url: string,
  init: RequestInit & { headers: Record<string, string> },
): Promise<Response> {
  let method = init.method ?? "GET";
  let body = init.body;
  const headers = init.headers;
  headers[config.keyHeader] = config.apiKey;
  const { signal } = init;
  const duplex = (init as { duplex?: string }).duplex;
  const scrub = (text: string) => scrubKey(text, config.apiKey);
  for (let hop = 0; ; hop++) {
    if (!sameOrigin(url, config.origin)) {
      throw new AngoInvalidRequestError(
        `Refusing to send the API key to ${new URL(url).origin}: this client is configured for ${config.origin}. Create a client for that server instead.`,
      );
    }
    const response = await config.fetch(
      url,
      duplex
        ? ({ method, headers, body, signal, redirect: "manual", duplex } as RequestInit)
        : { method, headers, body, signal, redirect: "manual" },
    );
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
    if (keepsMethod && body instanceof ReadableStream) return response;
    void response.body?.cancel().catch(() => {});
    if (!keepsMethod && (response.status === 303 || method === "POST")) {
      method = "GET";
      body = null;
      delete headers["content-type"];
    }
    url = target.href;
  }
}
