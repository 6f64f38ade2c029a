import { describe, expect, test } from "vitest";
import type { ApiAccess } from "../src/config.js";
import {
  AngoAPIError,
  AngoAuthenticationError,
  AngoConflictError,
  AngoError,
  AngoNotFoundError,
  AngoPermissionError,
  AngoRateLimitError,
  AngoResponseParseError,
  AngoServerError,
  AngoValidationError,
} from "../src/index.js";
import { AngoRuntime } from "../src/runtime.js";
import { bindOperations } from "./generated/operations.js";
import {
  FAKE_ORIGIN,
  type FakeAnswer,
  fakeClient,
  fakeFetch,
  jsonResponse,
  textResponse,
} from "./support/fake-fetch.js";
import { TEST_KEY } from "./support/fixtures.js";
import { seedAccess } from "./support/seed-client.js";

const input = { projectId: "p1", body: { batches: [{ name: "b" }] } };

// The status-to-class rules need no socket: the answers come from an injected fetch.
const server = `${FAKE_ORIGIN}/v2`;
async function failureFor(answer: FakeAnswer) {
  const { ango } = fakeClient(answer, { maxRetries: 0 });
  return ango.updateProjectBatches(input).then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error as AngoAPIError,
  );
}

describe("typed errors", () => {
  test.each([
    [400, AngoValidationError],
    [422, AngoValidationError],
    [401, AngoAuthenticationError],
    [403, AngoPermissionError],
    [404, AngoNotFoundError],
    [409, AngoConflictError],
    [429, AngoRateLimitError],
    [500, AngoServerError],
    [503, AngoServerError],
    [418, AngoAPIError],
  ])("%i becomes %o with status, headers, body, request id, method and URL", async (status, ErrorClass) => {
    const error = await failureFor(() =>
      jsonResponse(
        status,
        { status: "error", message: `reason ${status}` },
        { "x-request-id": `req-${status}` },
      ),
    );
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(AngoAPIError);
    expect(error).toBeInstanceOf(AngoError);
    expect(error.constructor).toBe(ErrorClass);
    expect(error.status).toBe(status);
    expect(error.body).toEqual({ status: "error", message: `reason ${status}` });
    expect(error.requestId).toBe(`req-${status}`);
    expect(error.headers.get("content-type")).toBe("application/json");
    expect(error.method).toBe("POST");
    expect(error.url).toBe(`${server}/batches/p1`);
    expect(error.message).toBe(`${status} from POST ${server}/batches/p1: reason ${status}`);
  });

  test("an HTML 502 from a proxy is a typed error with the text as body", async () => {
    const html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    const error = await failureFor(() => textResponse(502, html, { "content-type": "text/html" }));
    expect(error).toBeInstanceOf(AngoServerError);
    expect(error.body).toBe(html);
    expect(error.message).toContain("502 Bad Gateway");
  });

  test("an empty error body is a typed error with an undefined body", async () => {
    const error = await failureFor(() => textResponse(401));
    expect(error).toBeInstanceOf(AngoAuthenticationError);
    expect(error.body).toBeUndefined();
    expect(error.message).toBe(`401 from POST ${server}/batches/p1`);
  });

  test("a 200 whose body is not JSON is AngoResponseParseError, keeping the text", async () => {
    const error = await failureFor(() =>
      textResponse(200, "<html>maintenance</html>", { "content-type": "text/html" }),
    );
    expect(error).toBeInstanceOf(AngoResponseParseError);
    expect(error.status).toBe(200);
    expect(error.body).toBe("<html>maintenance</html>");
    expect(error.message).toMatch(/is not JSON \(content-type: text\/html\)/);
  });

  test("a 200 with an empty body is AngoResponseParseError too", async () => {
    const error = await failureFor(() => textResponse(200, "", { "content-type": "application/json" }));
    expect(error).toBeInstanceOf(AngoResponseParseError);
    expect(error.message).toMatch(/empty body where the spec promises JSON/);
  });

  test("an empty 200 where the descriptor lists 200 as bodiless (no body, or no schema for it) is undefined", async () => {
    const fake = fakeFetch(() => textResponse(200, "", { "content-type": "application/json" }));
    const runtime = new AngoRuntime({ apiKey: TEST_KEY, server: fake.server, fetch: fake.fetch }, seedAccess);
    const operation = { operationId: "deleteJob", method: "DELETE", path: "/jobs", params: [] } as const;
    expect(await runtime.call({ ...operation, response: "json", bodiless: [200] }, {})).toBeUndefined();
    await expect(runtime.call({ ...operation, response: "json" }, {})).rejects.toBeInstanceOf(
      AngoResponseParseError,
    );
  });

  test("a 2xx other than the spec's 200 is accepted as success when it carries JSON", async () => {
    const { ango } = fakeClient(() => jsonResponse(201, { status: "created" }));
    expect(await ango.updateProjectBatches(input)).toEqual({ status: "created" });
  });
});

describe("the server's message, read where the spec's error bodies keep it", () => {
  const fake = (body: unknown) => async () => jsonResponse(404, body);
  async function failureWith(paths: ApiAccess["errorMessagePaths"], body: unknown) {
    const access = { ...seedAccess, errorMessagePaths: paths };
    const runtime = new AngoRuntime({ apiKey: TEST_KEY, server, fetch: fake(body), maxRetries: 0 }, access);
    const { updateProjectBatches } = bindOperations(runtime);
    return updateProjectBatches(input).then(
      () => {
        throw new Error("expected the call to fail");
      },
      (error: unknown) => error as AngoAPIError,
    );
  }

  test("the seed's own paths: Ango's message", async () => {
    const error = await failureFor(() => jsonResponse(404, { status: "fail", message: "No project" }));
    expect(error.serverMessage).toBe("No project");
    expect(error.message).toMatch(/: No project$/);
  });

  test("a path one object down (`error.message`), the first path with a string winning", async () => {
    const paths = [["error", "message"], ["message"]];
    const nested = await failureWith(paths, { error: { message: "No such thing", type: "invalid" } });
    expect(nested.serverMessage).toBe("No such thing");
    expect(nested.message).toMatch(/: No such thing$/);
    const flat = await failureWith(paths, { error: "not an object", message: "Flat" });
    expect(flat.serverMessage).toBe("Flat");
  });

  test("a body with no string at any path keeps no message, and the error shows the body", async () => {
    const error = await failureWith([["detail"]], { message: "not where the spec says" });
    expect(error.serverMessage).toBeUndefined();
    expect(error.message).toContain('{"message":"not where the spec says"}');
    const inherited = await failureWith([["constructor", "name"]], {});
    expect(inherited.serverMessage).toBeUndefined();
  });
});
