/**
 * Stands in for `Request` in the openapi-fetch client behind the typed operations. openapi-fetch builds
 * the URL, headers and body and hands them to this constructor; the runtime then sends them with
 * `fetch(url, init)`. Building a real Request first, only for fetch to copy it, costs ~20 µs and a body
 * stream per call on Node 20 (see the benchmarks), and its body could not be resent after a 307/308.
 */
export class RequestPlan {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  // Declared so openapi-fetch finds them and does not add them as new properties.
  readonly body: BodyInit | null;
  readonly signal: AbortSignal | null;
  readonly redirect: RequestRedirect;

  constructor(url: string, init: RequestInit) {
    this.url = url;
    this.method = init.method ?? "GET";
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body ?? null;
    this.signal = init.signal ?? null;
    this.redirect = "manual";
  }
}
