// The third round of hostile input, on what `ango` prints and reads, on commands written here (a list, a
// lookup) and the built bin: a server's and the spec's text through the one cleaning rule, the key kept
// out of every line, files refused before they are read, and a closed pipe ending the command quietly.
import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type OperationDescriptor, responseValidator, styledParams } from "@ango-hub/client/contract";
import { HOSTILE_TEXT, RAW_CONTROL } from "@ango-hub/test-support/hostile-text";
import { angoPageShape } from "@ango-hub/test-support/page-shape";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { processSources } from "../src/args.js";
import type { CommandSpec } from "../src/command-spec.js";
import { EXIT } from "../src/exit-codes.js";
import { type Catalog, type CliIO, runCli } from "../src/main.js";

const KEY = "cli-round3-key-0123456789";
const RAW = RAW_CONTROL;
const HOSTILE = HOSTILE_TEXT.filter((text) => !text.includes("\n")).join("");

const list: CommandSpec = {
  operation: "listThings",
  command: "list-things",
  method: "GET",
  path: "/things",
  parameters: [{ name: "limit", flag: "limit", in: "query", required: false, type: "integer" }],
  pagination: { items: ["data", "constructor"], total: ["data", "total"] },
};
const lookup: CommandSpec = {
  operation: "getThing",
  command: "get-thing",
  method: "GET",
  path: "/thing",
  parameters: [{ name: "timeout", flag: "t", in: "query", required: false, type: "integer" }],
};
const descriptors: Record<string, OperationDescriptor> = {
  listThings: {
    operationId: "listThings",
    method: "GET",
    path: "/things",
    params: [
      { name: "page", in: "query" },
      { name: "limit", in: "query" },
    ],
    serializeParams: styledParams,
    response: "json",
    pagination: angoPageShape("constructor", 2),
    responsePlan: "listThings",
  },
  getThing: {
    operationId: "getThing",
    method: "GET",
    path: "/thing",
    params: [{ name: "timeout", in: "query" }],
    serializeParams: styledParams,
    response: "json",
    responsePlan: "getThing",
  },
};
const catalog: Catalog = {
  api: { title: `Evil${HOSTILE}API`, version: `1${HOSTILE}` },
  commands: [list, lookup],
  descriptors,
  responseValidation: responseValidator({
    listThings: async () => ({
      responses: { "200": { content: { "application/json": 0 } } },
      schemas: [{ type: ["object"], properties: { data: 1 } }, { type: ["object"] }],
    }),
    getThing: async () => ({
      responses: { "200": { content: { "application/json": 0 } } },
      schemas: [{ type: ["object"], properties: { name: 1 } }, { type: ["string"] }],
    }),
  }),
  // A preset and a key header of the hostile document's own.
  access: {
    serverPresets: { [`evil${HOSTILE}`]: "https://evil.test/v1" },
    defaultServerPreset: `evil${HOSTILE}`,
    apiKeyScheme: { in: "header", name: "x-evil-key", prefix: "" },
    errorMessagePaths: [["message"]],
  },
};

/** A server of 5 pages of 2 items (under the field `constructor`), and a lookup with hostile text. */
function fakeApi() {
  const seen: string[] = [];
  const fetch = async (url: string | URL | Request) => {
    const target = new URL(String(url));
    seen.push(target.pathname + target.search);
    if (target.pathname.endsWith("/thing"))
      return Response.json({
        name: `said ${HOSTILE} ${KEY}`,
        [`field${HOSTILE}`]: true,
      });
    const page = Number(target.searchParams.get("page"));
    return Response.json({
      status: "success",
      data: { constructor: [{ id: `${page}a\u2028` }, { id: `${page}b` }], total: 10 },
    });
  };
  return { fetch, seen };
}

async function ango(args: string[], options: { tty?: boolean; closeAfterLines?: number } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const api = fakeApi();
  const closed = new AbortController();
  const io: CliIO = {
    stdout: {
      write: (text: string) => {
        if (closed.signal.aborted) throw new Error("write after the pipe closed");
        out.push(text);
        if (options.closeAfterLines !== undefined && out.length >= options.closeAfterLines) closed.abort();
      },
      isTTY: options.tty ?? false,
    },
    stderr: { write: (text: string) => err.push(text), isTTY: options.tty ?? false },
    sources: processSources,
    fetch: api.fetch,
    outputClosed: closed.signal,
  };
  const status = await runCli(args, io, catalog);
  return { status, stdout: out.join(""), stderr: err.join(""), seen: api.seen };
}

beforeEach(() => {
  vi.stubEnv("ANGO_API_KEY", KEY);
  vi.stubEnv("ANGO_BASE_URL", "https://api.test/v2");
  vi.stubEnv("ANGO_SERVER", "");
  vi.stubEnv("ANGO_LOG", "");
});
afterEach(() => vi.unstubAllEnvs());

describe("text not ours, on the terminal", () => {
  test("--version and --help print the document's title and version escaped", async () => {
    for (const args of [["--version"], ["--help"]]) {
      const { stdout } = await ango(args);
      expect(stdout).toContain("Evil\\u001b[31m\\u001b]0;owned\\u0007");
      expect(stdout).not.toMatch(RAW);
    }
  });

  test("the drift warning names the server's field escaped; pretty JSON escapes C1 and bidi", async () => {
    const { status, stdout, stderr } = await ango(["get-thing", "--validate-responses", "observe"], {
      tty: true,
    });
    expect(status).toBe(EXIT.ok);
    expect(stderr).toMatch(/response drift: getThing 200: field the spec does not declare at \/field\\u001b/);
    expect(stderr).not.toMatch(RAW);
    expect(stdout.replaceAll("\n", "")).not.toMatch(RAW);
    expect(JSON.parse(stdout).name).toBe(`said ${HOSTILE} cli-…`);
  });

  test("--output ndjson: one record per line, whatever separators the values hold", async () => {
    const { status, stdout, seen } = await ango(["list-things", "--all", "--output", "ndjson"]);
    expect(status).toBe(EXIT.ok);
    const lines = stdout.trimEnd().split(/\r\n|[\n\r\u0085\u2028\u2029]/);
    expect(lines).toHaveLength(10);
    expect(lines.map((line) => JSON.parse(line).id)[0]).toBe("1a\u2028");
    expect(seen).toHaveLength(5);
  });
});

describe("the key never printed", () => {
  test("not when passed by mistake as a flag's value, nor when a server echoes it", async () => {
    for (const args of [
      ["get-thing", "--t", KEY],
      ["get-thing", "--server", `https://u:${KEY}@h/v2`],
      ["get-thing", `--${KEY}`],
      [KEY],
      ["get-thing"],
    ]) {
      const { stdout, stderr } = await ango(args);
      expect(stdout + stderr).not.toContain(KEY);
      expect(stdout + stderr).not.toContain(encodeURIComponent(KEY).slice(0, 12));
    }
  });
});

describe("a closed pipe", () => {
  test("ends a list at once: no further request, nothing on stderr, status 141", async () => {
    const { status, stderr, seen } = await ango(["list-things", "--all", "--output", "ndjson"], {
      closeAfterLines: 1,
    });
    expect([status, stderr]).toEqual([EXIT.closedPipe, ""]);
    expect(seen).toEqual(["/v2/things?page=1&limit=2"]);
  });

  test("the built bin, its reader gone before it writes: status 141, nothing on stderr", async () => {
    const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
    const child = spawn(process.execPath, [bin, "--version"], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect([code, stderr]).toEqual([EXIT.closedPipe, ""]);
  });
});

describe("files are checked before they are read", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "ango-cli-files-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test("--body @/dev/zero, --file f=@/dev/urandom and a FIFO are usage errors at once", async () => {
    const fifo = join(dir, "fifo");
    await promisify(execFile)("mkfifo", [fifo]);
    for (const path of ["/dev/zero", "/dev/urandom", fifo, dir]) {
      const error = await processSources.readFile(path).catch((e: Error) => e);
      expect(error).toMatchObject({ name: "UsageError" });
      expect((error as Error).message).toMatch(/not a regular file/);
    }
  });
});
