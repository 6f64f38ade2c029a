// An injected fetch for tests of the client's rules: no sockets, answers computed per call.

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

/** Just enough of Node's ServerResponse for the loopback helpers (`json`, writeHead/end) to answer a fake call. */
export class ResponseWriter {
  status = 200;
  headers: Record<string, string> = {};
  destroyed = false;
  #done: (response: Response) => void;
  constructor(done: (response: Response) => void) {
    this.#done = done;
  }
  writeHead(status: number, headers: Record<string, string> = {}) {
    this.status = status;
    this.headers = { ...this.headers, ...headers };
    return this;
  }
  end(body?: string) {
    this.#done(
      new Response(body === undefined || body === "" ? null : body, {
        status: this.status,
        headers: this.headers,
      }),
    );
  }
}

/**
 * A FakeAnswer from a loopback-style handler `(request, response) => ...`, so a rule test written for a
 * server runs on the injected fetch instead.
 */
export function fromHandler(
  handler: (
    request: { method: string; url: string; body: string },
    response: ResponseWriter,
    index: number,
  ) => unknown,
): FakeAnswer {
  return (call, index) =>
    new Promise<Response>((resolve) => {
      const url = new URL(call.url);
      const body = typeof call.body === "string" ? call.body : "";
      void handler(
        { method: call.method, url: url.pathname + url.search, body },
        new ResponseWriter(resolve),
        index,
      );
    });
}
