import { AngoInvalidRequestError, AngoRedirectError } from "./errors.js";

export type FetchLike = (request: Request) => Promise<Response>;

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
 * Sends `request` with the API key, to the configured origin only. Requests are made with
 * `redirect: "manual"` because fetch would otherwise forward the key header on a cross-origin redirect.
 * Same-origin redirects are followed here (up to 5); a redirect to any other origin is never followed
 * and throws AngoRedirectError. A 307/308 keeps the method and body, so it is followed only when the
 * caller can replay the body (`replayBody`), which the generated operations always can.
 */
export async function guardedFetch(
  config: GuardedFetchConfig,
  request: Request,
  replayBody?: string,
): Promise<Response> {
  let current = request;
  for (let hop = 0; ; hop++) {
    if (!sameOrigin(current.url, config.origin)) {
      throw new AngoInvalidRequestError(
        `Refusing to send the API key to ${new URL(current.url).origin}: this client is configured for ${config.origin}. Create a client for that server instead.`,
      );
    }
    current.headers.set(config.keyHeader, config.apiKey);
    const response = await config.fetch(current);
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
    const hasBody = method !== "GET" && method !== "HEAD" && current.body !== null;
    if (keepsMethod && hasBody && replayBody === undefined) {
      throw fail("the request body cannot be sent again", target.href);
    }
    void response.body?.cancel();
    const headers = new Headers(current.headers);
    if (!hasBody) headers.delete("content-type");
    current = new Request(target, {
      method,
      headers,
      body: hasBody ? replayBody : undefined,
      signal: current.signal,
      redirect: "manual",
    });
  }
}
