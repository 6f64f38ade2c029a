import { inspect } from "node:util";
import { afterEach, describe, expect, test } from "vitest";
import { redactKey } from "../src/index.js";
import { recordingLogger, TEST_KEY } from "./support/fixtures.js";
import { closedPort, json, type LoopbackServer, startServer } from "./support/loopback.js";
import { createSeedClient } from "./support/seed-client.js";

let server: LoopbackServer;
afterEach(async () => server?.close());

function everyView(value: unknown): string {
  return [
    String(value),
    JSON.stringify(value),
    inspect(value, { depth: 10, showHidden: true }),
    value instanceof Error ? `${value.message}\n${value.stack}` : "",
  ].join("\n");
}

describe("the API key never leaks", () => {
  test("redaction shows at most four characters", () => {
    expect(redactKey(TEST_KEY)).toBe("ak_l…");
    expect(redactKey("short")).toBe("…");
  });

  test("not in toString, JSON.stringify or util.inspect of the client", () => {
    const ango = createSeedClient({ apiKey: TEST_KEY, server: "us" });
    const views = everyView(ango);
    expect(views).not.toContain(TEST_KEY);
    expect(views).toContain("ak_l…");
    expect(String(ango)).toBe("AngoClient(https://us-api.ango.ai/v2, apiKey: ak_l…)");
  });

  test("not in errors, even when a server echoes the key back", async () => {
    server = await startServer((req, res) =>
      json(res, 401, { message: `invalid key ${req.headers.apikey}`, echoed: { key: req.headers.apikey } }),
    );
    const ango = createSeedClient({ apiKey: TEST_KEY, server: server.origin });
    const error = await ango
      .updateProjectBatches({ projectId: "p", body: { batches: [] } })
      .catch((e: unknown) => e);
    expect(server.requests[0]?.headers.apikey).toBe(TEST_KEY);
    expect(everyView(error)).not.toContain(TEST_KEY);
    expect((error as Error).message).toContain("invalid key ak_l…");
  });

  test("not in a non-JSON 200 body echoed into an error", async () => {
    server = await startServer((req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(`debug: ${req.headers.apikey}`);
    });
    const ango = createSeedClient({ apiKey: TEST_KEY, server: server.origin });
    const error = await ango
      .updateProjectBatches({ projectId: "p", body: { batches: [] } })
      .catch((e: unknown) => e);
    expect(everyView(error)).not.toContain(TEST_KEY);
  });

  test("not in connection errors, their causes, or log lines", async () => {
    const lines: string[] = [];
    const ango = createSeedClient({
      apiKey: TEST_KEY,
      server: `http://127.0.0.1:${await closedPort()}`,
      retry: { baseDelayMs: 1, maxDelayMs: 1 },
      logger: recordingLogger(lines),
      logLevel: "debug",
    });
    const error = await ango
      .updateProjectBatches({ projectId: "p", body: { batches: [] } })
      .catch((e: unknown) => e);
    expect(everyView(error)).not.toContain(TEST_KEY);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("\n")).not.toContain(TEST_KEY);
    expect(lines[0]).toContain('"apikey":"ak_l…"');
    expect(lines.filter((line) => line.startsWith("info [ango] retrying"))).toHaveLength(2);
  });

  test("not in configuration errors", () => {
    const messages: string[] = [];
    for (const options of [
      { apiKey: TEST_KEY, server: "nowhere" },
      { apiKey: TEST_KEY, server: "http://insecure.example.com" },
      { apiKey: TEST_KEY, maxRetries: -1 },
    ]) {
      try {
        createSeedClient(options);
      } catch (error) {
        messages.push(everyView(error));
      }
    }
    expect(messages).toHaveLength(3);
    expect(messages.join("\n")).not.toContain(TEST_KEY);
  });
});
