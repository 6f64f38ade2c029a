import { startMockAngoServer } from "@ango-hub/testing";
import { describe, expect, test } from "vitest";
import { main } from "../src/main.js";

describe("the main job", () => {
  test("without credentials: starts the mock, sends the docs example, prints request and result", async () => {
    const lines: string[] = [];
    const code = await main({}, (line) => lines.push(line));
    const output = lines.join("\n");
    expect(code).toBe(0);
    expect(output).toMatch(/→ POST http:\/\/127\.0\.0\.1:\d+\/v2\/batches\/65f1c0ffee0000000000000a/);
    expect(output).toContain("apikey: demo…");
    expect(output).not.toContain("demo-key-not-a-secret");
    expect(output).toContain('{"batches":[{"_id":"507f1f77bcf86cd799439011","name":"Batch 1"}]}');
    // No time for the mock's answer: its first includes compiling validators, nothing of the client's.
    expect(output).toMatch(/← 200 OK\n/);
    expect(output).toContain("body status: success");
    expect(output).toContain("  - Batch 1 (507f1f77bcf86cd799439011)");
  });

  test("with ANGO_API_KEY and ANGO_BASE_URL: targets that server instead (a loopback stand-in here)", async () => {
    const target = await startMockAngoServer({ apiKey: "real-looking-key-1234" });
    try {
      const lines: string[] = [];
      const code = await main(
        { ANGO_API_KEY: "real-looking-key-1234", ANGO_BASE_URL: target.url, ANGO_PROJECT_ID: "proj-9" },
        (line) => lines.push(line),
      );
      expect(code).toBe(0);
      expect(lines.join("\n")).not.toContain("Mock Ango server");
      expect(lines.join("\n")).toContain("apikey: real…");
      // A real server's answer is timed.
      expect(lines.join("\n")).toMatch(/← 200 OK \(\d+ ms\)/);
      expect(target.mock.batches("proj-9")).toEqual([{ _id: "507f1f77bcf86cd799439011", name: "Batch 1" }]);
    } finally {
      await target.close();
    }
  });

  test("a failure prints the typed error and returns non-zero", async () => {
    const target = await startMockAngoServer({ apiKey: "the-right-key-1234" });
    try {
      const lines: string[] = [];
      const code = await main(
        { ANGO_API_KEY: "the-wrong-key-1234", ANGO_BASE_URL: target.url, ANGO_PROJECT_ID: "p" },
        (line) => lines.push(line),
      );
      expect(code).toBe(1);
      expect(lines.at(-1)?.trim()).toMatch(/^AngoAuthenticationError: 401 from POST/);
      expect(lines.join("\n")).not.toContain("the-wrong-key-1234");
    } finally {
      await target.close();
    }
  });
});
