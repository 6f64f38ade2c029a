import { afterEach, describe, expect, test } from "vitest";
import { AngoInvalidRequestError, createAngoClient } from "../src/index.js";
import { TEST_KEY } from "./support/fixtures.js";
import { json, type LoopbackServer, startServer } from "./support/loopback.js";

let server: LoopbackServer;
afterEach(async () => server?.close());

describe("path parameters that would change the URL are refused before any request", () => {
  test.each([
    ["", /"projectId" is empty/],
    [".", /is "\."/],
    ["..", /is "\.\.", which would change the URL's path/],
    ["p\n1", /control characters/],
    ["p\u0000", /control characters/],
    ["p\u007f", /control characters/],
  ])("%j", async (projectId, message) => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const ango = createAngoClient({ apiKey: TEST_KEY, server: `${server.origin}/v2` });
    const call = ango.updateProjectBatches({ projectId, body: { batches: [] } });
    await expect(call).rejects.toBeInstanceOf(AngoInvalidRequestError);
    await expect(call).rejects.toThrow(message);
    await expect(call).rejects.toThrow(/nothing was sent/);
    expect(server.requests).toHaveLength(0);
  });

  test("values that only look odd are encoded, not refused", async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const ango = createAngoClient({ apiKey: TEST_KEY, server: server.origin });
    for (const projectId of ["...", "%2e%2e", "a b", "ü"]) {
      await ango.updateProjectBatches({ projectId, body: { batches: [] } });
    }
    expect(server.requests.map((r) => r.url)).toEqual([
      "/batches/...",
      "/batches/%252e%252e",
      "/batches/a%20b",
      "/batches/%C3%BC",
    ]);
  });

  test("a missing body is refused for an operation whose body is required", async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const ango = createAngoClient({ apiKey: TEST_KEY, server: server.origin });
    // @ts-expect-error body is required by the spec
    await expect(ango.updateProjectBatches({ projectId: "p" })).rejects.toThrow(/request body is required/);
    expect(server.requests).toHaveLength(0);
  });
});
