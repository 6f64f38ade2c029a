// The saved drift report and the command that turns it into a summary for the vendor, run as a user
// runs it: the built bin, on a file.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type OperationDescriptor, type ResponsePlan, responseValidator } from "../src/contract-entry.js";
import { DriftReportFormatError, formatDriftSummary, readDriftReport } from "../src/drift.js";
import { createAngoRuntime } from "../src/index.js";
import { fakeFetch, jsonResponse } from "./support/fake-fetch.js";
import { TEST_KEY } from "./support/fixtures.js";

const bin = fileURLToPath(new URL("../dist/cli/drift-summary.js", import.meta.url));
const run = promisify(execFile);
let dir: string;

const operation: OperationDescriptor = {
  operationId: "listThings",
  method: "GET",
  path: "/things",
  params: [],
  response: "json",
  responsePlan: "listThings",
};

const responseValidation = responseValidator({
  listThings: async (): Promise<ResponsePlan> => ({
    responses: { "200": { content: { "application/json": 0 } } },
    schemas: [
      { type: ["object"], properties: { items: 1 }, required: ["items", "total"] },
      { type: ["array"], items: 2 },
      { type: ["object"], properties: { id: 3 } },
      { type: ["string"] },
    ],
  }),
});

/** A report of three responses: one missing field every time, a wrong type twice, a hostile extra field once. */
async function savedReport(): Promise<string> {
  const bodies = [
    { items: [{ id: 1 }, { id: 2 }] },
    { items: [{ id: "a", "evil|`name`\n## heading": true }] },
    { items: [] },
  ];
  const fake = fakeFetch((_call, index) => jsonResponse(200, bodies[index]));
  const runtime = createAngoRuntime({
    apiKey: TEST_KEY,
    server: fake.server,
    fetch: fake.fetch,
    validateResponses: "observe",
    responseValidation,
    logLevel: "off",
  });
  for (let i = 0; i < bodies.length; i++) await runtime.call(operation, {});
  const file = join(dir, "drift.json");
  await writeFile(file, JSON.stringify(runtime.driftReport(), null, 2));
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ango-drift-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("ango-drift-summary", () => {
  test("prints a saved report as Markdown: totals, breaking drift first, most frequent first", async () => {
    const { stdout } = await run(process.execPath, [bin, await savedReport()]);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe("# Where the API's responses differ from its OpenAPI document");
    expect(stdout).toContain("3 responses checked, 3 of them with drift, at 3 places.");
    const breaking = lines.indexOf("## Breaking (2): a client relying on the document can fail");
    const additive = lines.indexOf("## Additive (1): fields or values the document does not list yet");
    expect(breaking).toBeGreaterThan(0);
    expect(additive).toBeGreaterThan(breaking);
    const rows = lines.filter((line) => line.startsWith("| `GET /things (listThings)`"));
    expect(rows.map((row) => row.split(" | ").slice(1, 5))).toEqual([
      ["200", "`/total`", "`missing required field at /total`", "3"],
      ["200", "`/items/*/id`", "`wrong type at /items/*/id (expected string, got integer)`", "2"],
      [
        "200",
        "`/items/*/evil\\|'name'\\u000a## heading`",
        "`field the spec does not declare at /items/*/evil\\|'name'\\u000a## heading (additive)`",
        "1",
      ],
    ]);
    // A field name from the server cannot start a heading, a new row or a code span.
    expect(lines.filter((line) => line.startsWith("#"))).toHaveLength(3);
    expect(rows.every((row) => row.split(/(?<!\\)\|/).length === 8)).toBe(true);
    expect(stdout).not.toContain(TEST_KEY);
  });

  test("a file that is not a drift report: exit 1 and what is wrong; no file: usage and exit 2", async () => {
    const bad = join(dir, "bad.json");
    await writeFile(
      bad,
      JSON.stringify({
        format: "ango-drift-report/1",
        responsesChecked: 1,
        responsesWithDrift: 0,
        droppedOccurrences: 0,
        entries: [{ operationId: 1 }],
      }),
    );
    const failed = await run(process.execPath, [bin, bad]).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({
      code: 1,
      stderr:
        "ango-drift-summary: Not a drift report from driftReport(): entries[0].operationId is not a string.\n",
    });
    const usage = await run(process.execPath, [bin]).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(usage).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Usage: ango-drift-summary <report.json>"),
    });
  });

  test("readDriftReport refuses what is not JSON or not a report, with a typed error", () => {
    expect(() => readDriftReport("{")).toThrow(DriftReportFormatError);
    expect(() => readDriftReport('{"format":"other"}')).toThrow('"format" is not "ango-drift-report/1"');
    const empty = readDriftReport(
      JSON.stringify({
        format: "ango-drift-report/1",
        generatedAt: "t",
        responsesChecked: 4,
        responsesWithDrift: 0,
        droppedOccurrences: 0,
        entries: [],
      }),
    );
    expect(formatDriftSummary(empty)).toContain("No drift: every response checked matched the document.");
  });
});
