// A path template's literal text as a URL carries it: what the spec writes there reaches the server's
// router as the same text, whatever characters it holds.
import { describe, expect, test } from "vitest";
import type { OperationDescriptor } from "../src/contract-entry.js";
import { createAngoRuntime } from "../src/index.js";
import { encodedPathTemplate } from "../src/request.js";
import { fakeFetch, jsonResponse } from "./support/fake-fetch.js";

describe("encodedPathTemplate", () => {
  test("characters a URL would read otherwise are percent-encoded; parameters and escapes are kept", () => {
    expect(encodedPathTemplate("/send/#env/v1/{partnerId}/a b?/é😀/100%/%20x")).toBe(
      "/send/%23env/v1/{partnerId}/a%20b%3F/%C3%A9%F0%9F%98%80/100%25/%20x",
    );
    expect(encodedPathTemplate("/apps/{id}/items:batch/~me@home/")).toBe("/apps/{id}/items:batch/~me@home/");
  });

  test("a call to such a template sends it as the path, not a fragment or a query", async () => {
    const fake = fakeFetch(() => jsonResponse(200, {}));
    const runtime = createAngoRuntime({
      apiKey: "path-key-0123456789",
      server: fake.server,
      fetch: fake.fetch,
    });
    const operation: OperationDescriptor = {
      operationId: "send",
      method: "POST",
      path: "/send/#env/{id}/",
      params: [{ name: "id", in: "path" }],
      response: "json",
    };
    await runtime.call(operation, { path: { id: "a#b" } });
    expect(new URL(fake.calls[0]?.url as string).pathname).toMatch(/\/send\/%23env\/a%23b\/$/);
  });
});
