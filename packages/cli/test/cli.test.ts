// The `ango` command's rules, run in-process against the mock (an injected fetch): output for pipes and
// terminals, usage errors, exit statuses per error class, the key kept out. The rules run on the frozen
// seed's command (test/support/seed-catalog.ts), so they hold whatever document spec/ holds; the help
// is checked for every command of the spec.
import { MockAngo, type MockResponse } from "@ango-hub/testing";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { Sources } from "../src/args.js";
import { EXIT } from "../src/exit-codes.js";
import { api, commands } from "../src/generated/commands.js";
import { type Catalog, type CliIO, runCli } from "../src/main.js";
import { mockHandlers, openApiDocument } from "./generated/openapi-document.js";
import { seedCatalog } from "./support/seed-catalog.js";

const KEY = "cli-test-key-0123456789-secret";
const BODY = '{"batches":[{"name":"Batch 1"}]}';

/** Runs `ango <args>` with captured output; `answer` overrides the mock's answer (after validation). */
async function ango(
  args: string[],
  options: {
    answer?: () => MockResponse | undefined;
    tty?: boolean;
    stdin?: string;
    hang?: boolean;
    /** The spec's commands (and its document in the mock) instead of the seed's. */
    spec?: boolean;
  } = {},
) {
  const out: string[] = [];
  const err: string[] = [];
  // Made on the first request: a command's help sends none, and reading a large spec into a mock takes
  // a while (the help test runs every command of the spec).
  let made: MockAngo | undefined;
  const mock = () =>
    (made ??= new MockAngo({
      apiKey: KEY,
      ...(options.spec ? {} : { document: structuredClone(openApiDocument), handlers: mockHandlers }),
      ...(options.answer ? { respond: options.answer } : {}),
    }));
  const sources: Sources = {
    readStdin: async () => new TextEncoder().encode(options.stdin ?? ""),
    readFile: async (path) => {
      if (path === "batches.json") return new TextEncoder().encode(BODY);
      throw new Error(`no file ${path}`);
    },
  };
  const io: CliIO = {
    stdout: { write: (text: string) => out.push(text), isTTY: options.tty ?? false },
    stderr: { write: (text: string) => err.push(text), isTTY: options.tty ?? false },
    sources,
    fetch: options.hang
      ? (_url, init) =>
          new Promise((_resolve, reject) =>
            init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)),
          )
      : (url, init) => mock().handle(new Request(url, init)),
  };
  const catalog: Catalog | undefined = options.spec ? undefined : seedCatalog;
  const status = await runCli(args, io, catalog);
  return {
    status,
    stdout: out.join(""),
    stderr: err.join(""),
    get mock() {
      return mock();
    },
  };
}

beforeEach(() => {
  vi.stubEnv("ANGO_API_KEY", KEY);
  vi.stubEnv("ANGO_BASE_URL", "https://mock.test/v2");
  vi.stubEnv("ANGO_SERVER", "");
  vi.stubEnv("ANGO_LOG", "");
});
afterEach(() => vi.unstubAllEnvs());

const call = ["update-project-batches", "--project-id", "p1", "--body", BODY];

describe("ango", () => {
  test("--help lists every operation of the spec as a command; each command has its own help", async () => {
    const help = await ango(["--help"], { spec: true });
    expect(help.status).toBe(EXIT.ok);
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) {
      expect(help.stdout).toContain(`  ${command.command}  `);
      const own = await ango([command.command, "--help"], { spec: true });
      expect(own.status).toBe(EXIT.ok);
      expect(own.stdout).toMatch(new RegExp(`^Usage: ango ${command.command}`));
      expect(own.stdout).toContain(`${command.method} ${command.path}`);
      for (const parameter of command.parameters) expect(own.stdout).toContain(`--${parameter.flag} <`);
    }
    const none = await ango([], { spec: true });
    expect([none.status, none.stdout]).toEqual([EXIT.usage, ""]);
    expect(none.stderr).toContain("Usage: ango <command>");
    expect((await ango(["--version"], { spec: true })).stdout).toMatch(
      new RegExp(`^@ango-hub/cli \\d+\\.\\d+\\.\\d+ \\(${api.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} `),
    );
  });

  test("a command's help shows the body's fields one level down and an example body the API accepts", async () => {
    const help = await ango(["update-project-batches", "--help"]);
    expect(help.status).toBe(EXIT.ok);
    expect(help.stdout).toContain("\n  batches: array of object (required)\n      _id: string  Batch ID");
    expect(help.stdout).toContain("\n      name: string (required)  Batch name\n");
    const example = help.stdout.match(
      /\nExample:\n {2}ango update-project-batches --project-id <string> --body '(.*)'\n/,
    );
    expect(example?.[1]).toBe('{"batches":[{"name":"string"}]}');
    const sent = await ango(["update-project-batches", "--project-id", "p1", "--body", example?.[1] ?? ""]);
    expect([sent.status, sent.mock.calls.map((c) => c.valid)]).toEqual([EXIT.ok, [true]]);
  });

  test("a call prints the answer as compact JSON for a pipe and indented on a terminal", async () => {
    const piped = await ango(call);
    expect(piped.status).toBe(EXIT.ok);
    expect(piped.stdout.trim().split("\n")).toHaveLength(1);
    const answer = JSON.parse(piped.stdout);
    expect(answer.data.project.batches.map((b: { name: string }) => b.name)).toEqual(["Batch 1"]);
    const terminal = await ango(call, { tty: true });
    expect(terminal.stdout).toBe(`${JSON.stringify(answer, null, 2)}\n`);
    expect((await ango([...call, "--quiet"])).stdout).toBe("");
    expect((await ango([...call, "--output", "ndjson"])).stdout).toBe(`${JSON.stringify(answer)}\n`);
  });

  test("the body comes from --body JSON, @file or standard input, and is checked as JSON", async () => {
    const fromFile = await ango(["update-project-batches", "--project-id", "p1", "--body", "@batches.json"]);
    const fromStdin = await ango(["update-project-batches", "--project-id", "p1", "--body", "-"], {
      stdin: BODY,
    });
    for (const result of [fromFile, fromStdin]) {
      expect(result.status).toBe(EXIT.ok);
      expect(result.mock.calls.at(-1)?.valid).toBe(true);
    }
    const broken = await ango(["update-project-batches", "--project-id", "p1", "--body", "{batches"]);
    expect(broken.status).toBe(EXIT.usage);
    expect(broken.stderr).toMatch(/^ango: --body must be JSON \(or @file, or - for standard input\): /);
    expect(broken.mock.calls).toHaveLength(0);
  });

  test.each([
    [
      ["update-project-batches", "--body", BODY],
      "ango: --project-id is required (Project ID) (see ango update-project-batches --help).\n",
    ],
    [[...call, "--colour"], "ango: Unknown option '--colour' (see ango update-project-batches --help).\n"],
    [
      ["update-project-batches", "--project-id", "p1"],
      "ango: update-project-batches needs a body: --body JSON, --body @file.json or --body - (see ango update-project-batches --help).\n",
    ],
    [[...call, "--output", "xml"], 'ango: --output must be one of json, ndjson, got "xml".\n'],
    [[...call, "--timeout-ms", "soon"], 'ango: --timeout-ms must be a whole number from 1, got "soon".\n'],
  ])("usage error %#: exit 2 and what to fix, nothing sent", async (args, message) => {
    const result = await ango(args);
    expect([result.status, result.stderr, result.stdout]).toEqual([EXIT.usage, message, ""]);
    expect(result.mock.calls).toHaveLength(0);
  });

  test("an unknown command: exit 2, the closest commands, and where to look", async () => {
    const result = await ango(["update-project-batchez"]);
    expect([result.status, result.stdout]).toEqual([EXIT.usage, ""]);
    expect(result.stderr).toMatch(
      /^ango: unknown command "update-project-batchez"\. Did you mean: update-project-batches(, [a-z0-9-]+)*\? See ango --help\.\n$/,
    );
  });

  test.each([
    [401, EXIT.auth, "AngoAuthenticationError"],
    [403, EXIT.auth, "AngoPermissionError"],
    [404, EXIT.notFound, "AngoNotFoundError"],
    [400, EXIT.validation, "AngoValidationError"],
    [429, EXIT.rateLimit, "AngoRateLimitError"],
    [500, EXIT.server, "AngoServerError"],
  ])(
    "a %i answer exits %i with one line: the class, status, request id and the server's message",
    async (status, exit, name) => {
      const result = await ango([...call, "--max-retries", "0"], {
        answer: () => ({
          status,
          body: { status: "fail", message: `said \u001b[31mno\u001b[0m for ${status}` },
          headers: { "x-request-id": "req-42", "retry-after": "0" },
        }),
      });
      expect(result.status).toBe(exit);
      // Escape sequences from the server never reach the terminal.
      expect(result.stderr).toBe(
        `ango: ${name} ${status} (request req-42): said \\u001b[31mno\\u001b[0m for ${status}\n`,
      );
    },
  );

  test("a 429 with Retry-After is retried as the client retries it; the call then succeeds", async () => {
    let answered = 0;
    const result = await ango([...call, "--log-level", "info"], {
      answer: () =>
        answered++ === 0
          ? { status: 429, body: { message: "slow down" }, headers: { "retry-after": "0" } }
          : undefined,
    });
    expect(result.status).toBe(EXIT.ok);
    expect(result.stderr).toMatch(/^\[ango\] retrying updateProjectBatches in 0 ms/);
  });

  test("a timeout exits 9; a missing key exits 3 before anything is sent", async () => {
    const slow = await ango([...call, "--timeout-ms", "30", "--max-retries", "0"], { hang: true });
    expect(slow.status).toBe(EXIT.connection);
    expect(slow.stderr).toMatch(
      /^ango: AngoTimeoutError: POST https:\/\/mock\.test\/v2\/batches\/p1 timed out after 30 ms\n$/,
    );
    vi.stubEnv("ANGO_API_KEY", "");
    const keyless = await ango(call);
    expect(keyless.status).toBe(EXIT.config);
    expect(keyless.stderr).toBe(
      "ango: no API key: set ANGO_API_KEY to your key (the CLI reads it from the environment only, so it stays out of your shell's history).\n",
    );
  });

  test("a configuration error names the CLI's flag or variable, never the library's option", async () => {
    const cases: [string[], RegExp][] = [
      [
        ["--server", "http://ango.example.com/v2"],
        /^ango: Refusing http:\/\/ango\.example\.com: the API key would be sent unencrypted\. Give --server \(or ANGO_BASE_URL, ANGO_SERVER\) an https:\/\/ URL/,
      ],
      [["--server", "nowhere"], /^ango: --server \(or ANGO_BASE_URL, ANGO_SERVER\) must be one of "/],
      [["--log-level", "loud"], /^ango: --log-level \(or ANGO_LOG\) must be one of off, /],
      [["--validate-responses", "always"], /^ango: --validate-responses must be /],
      // The seed's catalog brings no response plans: the flag says it cannot check, before any call.
      [["--validate-responses", "observe"], /^ango: --validate-responses is not available: /],
    ];
    for (const [flags, message] of cases) {
      const result = await ango([...call, ...flags]);
      expect(result.status, flags.join(" ")).toBe(EXIT.config);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/apiKey|allowInsecureHttp|logLevel|validateResponses|serverPresets/);
      expect(result.mock.calls).toEqual([]);
    }
    vi.stubEnv("ANGO_API_KEY", "two words");
    expect((await ango(call)).stderr).toBe(
      "ango: ANGO_API_KEY holds whitespace, control or non-Latin-1 characters; copy the key again without them.\n",
    );
  });

  test("the key never appears, even with --log-level debug and a server that echoes it", async () => {
    const results = [
      await ango([...call, "--log-level", "debug"]),
      await ango([...call, "--log-level", "debug", "--max-retries", "0"], {
        answer: () => ({ status: 500, body: { message: `bad key ${KEY}` }, headers: { "x-echo": KEY } }),
      }),
    ];
    expect(results[0]?.stderr).toContain("[ango] POST https://mock.test/v2/batches/p1");
    for (const { stdout, stderr } of results) expect(stdout + stderr).not.toContain(KEY);
  });

  test("--all is for lists, and says which commands are", async () => {
    const result = await ango([...call, "--all"]);
    expect(result.status).toBe(EXIT.usage);
    expect(result.stderr).toMatch(
      /^ango: --all and --max-items are for lists; update-project-batches is not one\./,
    );
  });
});
