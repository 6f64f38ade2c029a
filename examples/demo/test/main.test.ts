import { apiKeyScheme } from "@ango-hub/client";
import { operationDescriptors } from "@ango-hub/client/contract";
import { isSeedOperation } from "@ango-hub/test-support/seed";
import { startMockAngoServer } from "@ango-hub/testing";
import { describe, expect, test } from "vitest";
import { DEMO_OPERATION, main } from "../src/main.js";

// The docs' example request is for the seed's operation: the demo runs while the spec has it as the seed
// does (name, method and path); without it, the demo says so.
const inSpec = isSeedOperation(DEMO_OPERATION, operationDescriptors);
const absent = !Object.hasOwn(operationDescriptors, DEMO_OPERATION);
/** How the printed request shows the key's header: its lower-case name, the scheme's prefix, the key cut. */
const keyHeader = apiKeyScheme.name.toLowerCase();

test.runIf(absent)(`without ${DEMO_OPERATION} in the spec, the demo says so and exits with 2`, async () => {
  const lines: string[] = [];
  expect(await main({}, (line) => lines.push(line))).toBe(2);
  expect(lines.at(-1)).toBe(
    `The spec has no ${DEMO_OPERATION}, the operation the docs' example request is for.`,
  );
});

describe.runIf(inSpec)("the main job", () => {
  test("without credentials: starts the mock, sends the docs example, prints request and result", async () => {
    const lines: string[] = [];
    const code = await main({}, (line) => lines.push(line));
    const output = lines.join("\n");
    expect(code).toBe(0);
    expect(output).toMatch(/→ POST http:\/\/127\.0\.0\.1:\d+\/v2\/batches\/65f1c0ffee0000000000000a/);
    expect(output).toContain(`${keyHeader}: ${apiKeyScheme.prefix}demo…`);
    expect(output).not.toContain("demo-key-not-a-secret");
    expect(output).toContain('{"batches":[{"_id":"507f1f77bcf86cd799439011","name":"Batch 1"}]}');
    // No time for the mock's answer: its first includes compiling validators, nothing of the client's.
    expect(output).toMatch(/← 200 OK\n/);
    expect(output).toContain('"name": "Batch 1"');
    expect(output).toContain(`the mock saw: ${DEMO_OPERATION} valid 200`);
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
      expect(lines.join("\n")).toContain(`${keyHeader}: ${apiKeyScheme.prefix}real…`);
      // A real server's answer is timed.
      expect(lines.join("\n")).toMatch(/← 200 OK \(\d+ ms\)/);
      expect(target.mock.calls.map((c) => [c.operationId, c.valid, c.path])).toEqual([
        [DEMO_OPERATION, true, expect.stringContaining("proj-9")],
      ]);
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
