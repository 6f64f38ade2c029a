import { AngoInvalidRequestError, AngoRedirectError } from "./errors.js";

/** The fetch the client calls: always with a Request, and with `{ signal }` when the call can be aborted. */
export type FetchLike = (request: Request, init?: { signal?: AbortSignal }) => Promise<Response>;

export interface GuardedFetchConfig {
  /** The configured server's origin, e.g. `https://us-api.ango.ai`. The key goes nowhere else. */
  origin: string;
  keyHeader: string;
  apiKey: string;
  fetch: FetchLike;
}

export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function sameOrigin(url: string, origin: string): boolean {
  return url === origin || url.startsWith(`${origin}/`) || url.startsWith(`${origin}?`);
}

/** A 307/308 that keeps its body: returned to the caller, who can send the body again (see runtime.ts). */
export function isBodyRedirect(response: Response): boolean {
  return (response.status === 307 || response.status === 308) && response.headers.has("location");
}

/**
 * Sends `request` with the API key, to the configured origin only. Requests are made with
 * `redirect: "manual"` because fetch would otherwise forward the key header on a cross-origin redirect.
 * A redirect to any other origin is never followed and throws AngoRedirectError. Same-origin redirects
 * without a body to resend (up to 5) are followed here; a same-origin 307/308 of a request with a body
 * is returned as it is, because a Request's body can be read only once: the operation runner resends it.
 */
export async function guardedFetch(
  config: GuardedFetchConfig,
  request: Request,
  signal?: AbortSignal,
): Promise<Response> {
  // The signal goes to fetch, not into the Request openapi-fetch builds: on Node 20 every signal-bearing
  // Request costs ~14 µs, and fetch would copy it into a second one.
  const init = signal ? { signal } : undefined;
  let current = request;
  for (let hop = 0; ; hop++) {
    if (!sameOrigin(current.url, config.origin)) {
      throw new AngoInvalidRequestError(
        `Refusing to send the API key to ${new URL(current.url).origin}: this client is configured for ${config.origin}. Create a client for that server instead.`,
      );
    }
    current.headers.set(config.keyHeader, config.apiKey);
    const response = await config.fetch(current, init);
    if (response.type === "opaqueredirect") {
      throw new AngoRedirectError(
        `${current.method} ${current.url} was redirected; browsers hide the target, so it was not followed.`,
        {
          status: 0,
          method: current.method,
          url: current.url,
          location: "",
        },
      );
    }
    const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get("location") : null;
    if (location === null) return response;

    const target = new URL(location, current.url);
    const fail = (why: string, shown: string) => {
      void response.body?.cancel();
      return new AngoRedirectError(
        `${response.status} redirect from ${current.method} ${current.url} not followed: ${why}.`,
        {
          status: response.status,
          method: current.method,
          url: current.url,
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

    // Fetch's rules: 307/308 keep method and body; 303 (and 301/302 after a POST) become a GET without body.
    const keepsMethod = response.status === 307 || response.status === 308;
    const method =
      keepsMethod || (response.status !== 303 && current.method !== "POST") ? current.method : "GET";
    if (keepsMethod && method !== "GET" && method !== "HEAD" && current.body !== null) return response;
    void response.body?.cancel();
    const headers = new Headers(current.headers);
    headers.delete("content-type");
    current = new Request(target, { method, headers, redirect: "manual" });
  }
}
