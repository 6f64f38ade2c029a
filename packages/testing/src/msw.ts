import { http } from "msw";
import { MockAngo, type MockAngoOptions } from "./mock.js";

/**
 * MSW request handlers that answer like the mock server, in-process, for tests that already use MSW.
 * `baseUrl` is the client's base URL (a preset's URL or your own), e.g. `https://us-api.ango.ai/v2`.
 */
export function createAngoHandlers(baseUrl: string, options: MockAngoOptions | MockAngo = {}) {
  const mock = options instanceof MockAngo ? options : new MockAngo(options);
  const prefix = new URL(baseUrl).pathname.replace(/\/$/, "");
  const handlers = [
    http.all(`${baseUrl.replace(/\/$/, "")}/*`, ({ request }) => mock.handle(request, prefix)),
  ];
  return { handlers, mock };
}
