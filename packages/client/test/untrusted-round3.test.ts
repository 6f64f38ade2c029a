// The third round of hostile input, on the rules the client owns: the one cleaning function for text
// that reaches a terminal or a report, redaction of keys of any shape in every form, drift pointers and
// reports, bounded file reads, and options the raw client would have ignored.
import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { HOSTILE_TEXT, RAW_CONTROL } from "@ango-hub/test-support/hostile-text";
import { angoPageShape } from "@ango-hub/test-support/page-shape";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  CHECK_LIMITS,
  checkResponse,
  type OperationDescriptor,
  paginate,
  type ResponsePlan,
  responseValidator,
  styledParams,
} from "../src/contract-entry.js";
import { formatDriftSummary, readDriftReport } from "../src/drift.js";
import { AngoConfigError, createAngoRuntime, type DriftEvent, scrubKey } from "../src/index.js";
import { FileInputError, readFileCapped } from "../src/node.js";
import { createRawAngoClient } from "../src/raw.js";
import { keyForms } from "../src/redact.js";
import { displayJson, displayText } from "../src/text.js";
import { LITERAL_STAR_SEGMENT } from "../src/validation/check.js";
import { fakeFetch, jsonResponse } from "./support/fake-fetch.js";
import { createSeedClient } from "./support/seed-client.js";

const HOSTILE = HOSTILE_TEXT;
/** Line feeds are checked apart: here none may be left either. */
const RAW = new RegExp(`${RAW_CONTROL.source}|\\n`);

describe("displayText, the one cleaning rule", () => {
  test("every control, line-separator and bidirectional character becomes a visible escape", () => {
    for (const hostile of HOSTILE) {
      const shown = displayText(`a${hostile}b`);
      expect(shown).not.toMatch(RAW);
      expect(shown).toMatch(/^a(\\u[0-9a-f]{4}|[^\\])*b$/);
    }
    expect(displayText("x\u202ey")).toBe("x\\u202ey");
    expect(displayText("plain text, é and 日本")).toBe("plain text, é and 日本");
  });

  test("a cut never splits an escape or a surrogate pair", () => {
    for (let max = 1; max < 12; max++) {
      const shown = displayText("ab\u001b\u001b😀😀", max);
      expect(shown.length).toBeLessThanOrEqual(max);
      expect(shown).not.toMatch(/\\u[0-9a-f]{0,3}…$/);
      expect(shown).not.toMatch(/[\ud800-\udbff]…$/);
    }
  });

  test("displayJson keeps JSON the same value and one NDJSON record on one line", () => {
    const value = { name: `a${HOSTILE.join("")}b`, "\u202ekey": "\u2028" };
    for (const text of [JSON.stringify(value), JSON.stringify(value, null, 2)]) {
      const shown = displayJson(text);
      expect(JSON.parse(shown)).toEqual(value);
      expect(shown.replaceAll("\n", "")).not.toMatch(RAW);
    }
    expect(displayJson(JSON.stringify(value)).split(/\r\n|[\n\r\u0085\u2028\u2029]/)).toHaveLength(1);
  });
});

describe("redaction holds for keys of any shape", () => {
  const shapes = ["$&$&$&_replacement_key", "$'$`$$-key-0123", "key/with~slashes/and~tildes", "k+y%20=&?#x"];

  test("the key is replaced literally, in raw, JSON, JSON-pointer and URL-encoded forms", () => {
    for (const key of shapes) {
      const forms = keyForms(key);
      expect(forms).toContain(key);
      expect(forms).toContain(encodeURIComponent(key));
      expect(forms).toContain(key.replaceAll("~", "~0").replaceAll("/", "~1"));
      for (const form of forms) {
        const scrubbed = scrubKey(`before ${form} after ${form}`, key);
        expect(scrubbed).not.toContain(form);
        expect(scrubbed).not.toContain(key);
        expect(scrubbed.startsWith("before ")).toBe(true);
      }
    }
  });

  test("a 401 that echoes a `$&` key, and a drift pointer naming a key with `/` and `~`, show none of it", async () => {
    for (const key of shapes) {
      const fake = fakeFetch((call) =>
        call.url.endsWith("/echo")
          ? jsonResponse(401, { status: "fail", message: `bad key ${key}` })
          : jsonResponse(200, { items: [], [key]: 1, [`${"x".repeat(95)}${key}`]: 2 }),
      );
      const events: DriftEvent[] = [];
      const runtime = createAngoRuntime({
        apiKey: key,
        server: fake.server,
        fetch: fake.fetch,
        validateResponses: "observe",
        responseValidation,
        onDrift: (event) => events.push(event),
        logLevel: "off",
      });
      const echo = await runtime.call({ ...operation, path: "/echo" }, {}).catch((error: Error) => error);
      expect(String((echo as Error).message)).not.toContain(key);
      await runtime.call(operation, {});
      expect(events.map((event) => event.problem)).toEqual(["extra-field", "extra-field"]);
      const shown = JSON.stringify([events, runtime.driftReport()]);
      for (const form of keyForms(key)) expect(shown).not.toContain(form);
      // The long field is scrubbed before it is cut: not even the key's start is left at the cut.
      for (const event of events) expect(event.pointer).not.toContain(key.slice(0, 5));
    }
  });

  test("a configuration error never echoes the key, credentials or a query", () => {
    const key = "cfg-secret-key-0123456789";
    const messages = [
      { apiKey: key, server: key },
      { apiKey: key, server: `https://u:${key}@host/v2` },
      { apiKey: key, server: `https://host/v2?apikey=${key}` },
      { apiKey: key, timeoutMs: key as unknown as number },
    ].map((options) => {
      try {
        createSeedClient(options);
        return "";
      } catch (error) {
        expect(error).toBeInstanceOf(AngoConfigError);
        return (error as Error).message;
      }
    });
    for (const message of messages) {
      expect(message).not.toBe("");
      expect(message).not.toContain(key);
    }
  });
});

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
    responses: { "200": { content: { "application/json": 0 } }, "401": { content: {} } },
    schemas: [{ type: ["object"], properties: { items: 1 } }, { type: ["array"] }],
  }),
});

describe("drift findings", () => {
  const plan: ResponsePlan = {
    responses: { "200": { content: { "application/json": 0 } } },
    schemas: [
      { type: ["object"], properties: { list: 1, map: 2 } },
      { type: ["array"], items: 3 },
      { type: ["object"], additional: 3 },
      { type: ["object"], properties: { id: 4 } },
      { type: ["string"], enum: Array.from({ length: 20_000 }, (_, i) => `v${i}`) },
    ],
  };
  const check = (body: unknown) =>
    checkResponse(plan, { status: 200, contentType: "application/json", body }).findings;

  test("a field literally named * has a location of its own, apart from the every-item wildcard", () => {
    const literal = check({ "*": 1 })[0];
    const wildcard = check({ list: [{ extra: 1 }] })[0];
    expect(literal?.location).toBe(`/${LITERAL_STAR_SEGMENT}`);
    expect(literal?.pointer).toBe("/*");
    expect(wildcard?.location).toBe("/list/*/extra");
    // A map's key is generic too: `/map/*/extra`, never the literal field's `~*`.
    expect(check({ map: { "*": { extra: 1 } } })[0]?.location).toBe("/map/*/extra");
  });

  test("an enum of 20,000 values checks each of 200,000 values (a set, not a list, looks them up)", () => {
    const list = Array.from({ length: 200_000 }, (_, i) => ({
      id: i % 7 === 0 ? "unknown" : `v${i % 20_000}`,
    }));
    const findings = check({ list });
    expect(findings[0]).toMatchObject({ problem: "unknown-enum-value", pointer: "/list/0/id" });
    expect(findings).toHaveLength(CHECK_LIMITS.maxFindings);
  });

  test("the drift warning a logger receives holds no raw control character from the server", async () => {
    const lines: string[] = [];
    const fake = fakeFetch(() => jsonResponse(200, { items: [], [`x${HOSTILE.join("")}`]: 1 }));
    const runtime = createAngoRuntime({
      apiKey: "drift-log-key-0123456789",
      server: fake.server,
      fetch: fake.fetch,
      validateResponses: "observe",
      responseValidation,
      logger: { error: () => {}, warn: (line: string) => lines.push(line), info: () => {}, debug: () => {} },
    });
    await runtime.call(operation, {});
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("response drift");
    expect(lines[0]).not.toMatch(RAW);
  });
});

describe("the drift summary as Markdown", () => {
  const report = (entry: Record<string, unknown>) =>
    JSON.stringify({
      format: "ango-drift-report/1",
      generatedAt: "2026-12-05T00:00:00.000Z",
      responsesChecked: 1,
      responsesWithDrift: 1,
      droppedOccurrences: 0,
      entries: [
        {
          operationId: "listThings",
          method: "GET",
          path: "/things",
          status: 200,
          problem: "extra-field",
          location: "/x",
          firstPointer: "/x",
          breaking: false,
          count: 1,
          firstSeen: "t",
          lastSeen: "t",
          ...entry,
        },
      ],
    });

  test("HTML, links, @mentions, emphasis and controls from field names stay plain text in code spans", () => {
    const hostile = `/<img src=x onerror=alert(1)>[link](https://evil.example) @octocat **bold** _em_ ${HOSTILE.join("")}`;
    const summary = formatDriftSummary(readDriftReport(report({ location: hostile, firstPointer: hostile })));
    const row = summary.split("\n").find((line) => line.startsWith("| `GET"));
    expect(row).toBeDefined();
    // Each cell's text is one code span: Markdown shows what is inside literally.
    for (const cell of (row as string)
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((c) => c.trim()))
      expect(cell).toMatch(/^(`[^`]*`|\d+)$/);
    expect(summary.replaceAll("\n", "")).not.toMatch(RAW);
  });

  test("a report whose expected or actual is not a string is refused by name", () => {
    expect(() =>
      readDriftReport(report({ problem: "wrong-type", expected: { toString: null }, actual: "x" })),
    ).toThrow("entries[0].expected is not a string");
  });
});

describe("files named by the user are checked before they are read", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "ango-files-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test("a device, a directory and a FIFO are refused at once; a file over the limit before it is read", async () => {
    await expect(readFileCapped("/dev/zero", 1024)).rejects.toThrow(/not a regular file \(a device\)/);
    await expect(readFileCapped(dir, 1024)).rejects.toThrow(/not a regular file \(a directory\)/);
    const fifo = join(dir, "fifo");
    await promisify(execFile)("mkfifo", [fifo]);
    await expect(readFileCapped(fifo, 1024)).rejects.toThrow(/not a regular file \(a FIFO\)/);
    const big = join(dir, "big.json");
    await writeFile(big, "x".repeat(2048));
    await expect(readFileCapped(big, 1024, "a report")).rejects.toThrow(
      /2048 bytes, over the 1024-byte limit for a report/,
    );
    await expect(readFileCapped(join(dir, "none"), 1024)).rejects.toBeInstanceOf(FileInputError);
    const small = join(dir, "small.json");
    await writeFile(small, "{}");
    expect(new TextDecoder().decode(await readFileCapped(small, 1024))).toBe("{}");
  });

  test("ango-drift-summary refuses a FIFO and /dev/zero at once, by name", async () => {
    const bin = fileURLToPath(new URL("../dist/cli/drift-summary.js", import.meta.url));
    const fifo = join(dir, "report-fifo");
    await promisify(execFile)("mkfifo", [fifo]);
    for (const path of [fifo, "/dev/zero"]) {
      const child = spawn(process.execPath, [bin, path]);
      let stderr = "";
      child.stderr.on("data", (chunk) => {
        stderr += chunk;
      });
      const code = await new Promise((resolve) => child.on("close", resolve));
      expect(code).toBe(1);
      expect(stderr).toMatch(/^ango-drift-summary: cannot read .*: not a regular file/);
    }
  });
});

describe("createRawAngoClient", () => {
  test("refuses the options it would ignore (validation, timeouts, retries) instead of dropping them", () => {
    expect(() =>
      createRawAngoClient({ apiKey: "k", validateResponses: "enforce" } as Parameters<
        typeof createRawAngoClient
      >[0]),
    ).toThrow(/createRawAngoClient has no validateResponses/);
    expect(() =>
      createRawAngoClient({ apiKey: "k", timeoutMs: 5 } as Parameters<typeof createRawAngoClient>[0]),
    ).toThrow(AngoConfigError);
  });
});

describe("a list whose items field is named constructor", () => {
  test("a page without the field is an empty page, not Object.prototype.constructor", async () => {
    const fake = fakeFetch(() => jsonResponse(200, { status: "success", data: { total: 0 } }));
    const runtime = createAngoRuntime({
      apiKey: "list-key-0123456789",
      server: fake.server,
      fetch: fake.fetch,
    });
    const list: OperationDescriptor = {
      operationId: "listThings",
      method: "GET",
      path: "/things",
      params: [
        { name: "page", in: "query" },
        { name: "limit", in: "query" },
      ],
      serializeParams: styledParams,
      response: "json",
      pagination: angoPageShape("constructor", 10),
    };
    const items: unknown[] = [];
    for await (const item of paginate(runtime, list, {})) items.push(item);
    expect(items).toEqual([]);
  });
});
