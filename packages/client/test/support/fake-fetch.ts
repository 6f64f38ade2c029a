// An injected fetch for tests of the client's rules: no sockets, answers computed per call.
import type { AngoClientOptions } from "../../src/index.js";
import { TEST_KEY } from "./fixtures.js";
import { createSeedClient } from "./seed-client.js";

export interface FakeCall {
  url: string;
  method: string;
  headers: Headers;
  body: BodyInit | null | undefined;
  signal: AbortSignal | null | undefined;
}

export type FakeAnswer = (call: FakeCall, index: number) => Response | Promise<Response>;

export const FAKE_ORIGIN = "https://api.test";

/** A fetch that records every call and answers with `answer`; `server` is the base URL to configure. */
export function fakeFetch(answer: FakeAnswer) {
  const calls: FakeCall[] = [];
  const fetch = async (input: Request | string, init: RequestInit = {}): Promise<Response> => {
    const call = {
      url: typeof input === "string" ? input : input.url,
      method: init.method ?? "GET",
      headers: new Headers(init.headers),
      body: init.body,
      signal: init.signal,
    };
    calls.push(call);
    return answer(call, calls.length - 1);
  };
  return { fetch, calls, server: `${FAKE_ORIGIN}/v2` };
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** Answers `statuses` in order, then 200 `{ status: "success" }`. */
export function statusSequence(...statuses: number[]): FakeAnswer {
  return (_call, index) => {
    const status = statuses[index];
    return status === undefined
      ? jsonResponse(200, { status: "success" })
      : jsonResponse(status, { message: `status ${status}` });
  };
}

/** A fetch that never answers until its signal aborts, as a hung server would. */
export const hangUntilAborted: FakeAnswer = (call) =>
  new Promise<Response>((_resolve, reject) => {
    call.signal?.addEventListener("abort", () => reject(call.signal?.reason), { once: true });
  });

/**
 * The client every rule test starts from: the test key, the fake server, `answer` for every call, and
 * `options` on top. Returns the client with the fake's recorded calls.
 */
export function fakeClient(answer: FakeAnswer, options: AngoClientOptions = {}) {
  const fake = fakeFetch(answer);
  const ango = createSeedClient({ apiKey: TEST_KEY, server: fake.server, fetch: fake.fetch, ...options });
  return { ango, ...fake };
}

/** A response with `body` as text and `headers` (no content type unless given). */
export function textResponse(status: number, body?: string, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined || body === "" ? null : body, { status, headers });
}
