// `ango` over the vendor's API as its SDK and docs describe it (47 operations): the commands the codegen
// makes for that document, run in-process against the mock built from it. Every command has help and is
// called with the flags its operation needs; a list walked with --all streams exactly its items.
import { type Catalog, type CliIO, type CommandSpec, runCli } from "@ango-hub/cli/runner";
import { commandsOf, readApiModel } from "@ango-hub/codegen";
import { MockAngo, type MockResponse } from "@ango-hub/testing";
import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { generateClient, type Json, loadClient, vendorDocument } from "./support/corpus.js";
import { flagsFor } from "./support/example-call.js";
import { type Descriptor, inputFor, pathInputKey } from "./support/inputs.js";

const KEY = "vendor-cli-key-0123456789";
const document = await vendorDocument();
const commands: CommandSpec[] = commandsOf(readApiModel(document));
let descriptors: Record<string, Descriptor>;
let access: Catalog["access"];

beforeAll(async () => {
  const client = await loadClient((await generateClient("ango-vendor-cli", document)).dir);
  descriptors = client.operationDescriptors;
  access = client.specAccess;
}, 120_000);
beforeEach(() => {
  vi.stubEnv("ANGO_API_KEY", KEY);
  vi.stubEnv("ANGO_BASE_URL", "https://vendor.test/v2");
  vi.stubEnv("ANGO_LOG", "");
});
afterEach(() => vi.unstubAllEnvs());

async function ango(
  args: string[],
  respond?: (call: { query: Record<string, unknown> }) => MockResponse | undefined,
  tty = false,
) {
  const out: string[] = [];
  const err: string[] = [];
  const mock = new MockAngo({ document, apiKey: KEY, ...(respond ? { respond } : {}) });
  const io: CliIO = {
    stdout: { write: (text: string) => out.push(text), isTTY: tty },
    stderr: { write: (text: string) => err.push(text), isTTY: tty },
    sources: {
      readStdin: async () => new Uint8Array(),
      readFile: async () => new TextEncoder().encode("file bytes"),
    },
    fetch: (url, init) => mock.handle(new Request(url, init)),
  };
  const catalog: Catalog = {
    api: { title: "vendor", version: "1" },
    commands,
    descriptors: descriptors as unknown as Catalog["descriptors"],
    // The generated client's own servers and key header, as its createAngoClient hands the runtime.
    access,
  };
  const status = await runCli(args, io, catalog);
  return { status, stdout: out.join(""), stderr: err.join(""), mock };
}

describe("ango over the vendor's API", () => {
  test("every operation is a command with its own help", async () => {
    expect(commands).toHaveLength(47);
    const help = await ango(["--help"]);
    for (const command of commands) {
      expect(help.stdout).toContain(`  ${command.command}  `);
      const own = await ango([command.command, "--help"]);
      expect([own.status, own.stdout.split("\n")[0]?.startsWith(`Usage: ango ${command.command}`)]).toEqual([
        0,
        true,
      ]);
    }
    // Among 47 commands, a typo's closest one comes first.
    expect((await ango(["get-taks"])).stderr).toMatch(
      /^ango: unknown command "get-taks"\. Did you mean: get-tasks[,?]/,
    );
  });

  test("every command is called with the flags its operation needs, and the mock finds each call valid", async () => {
    const failures: string[] = [];
    for (const [index, command] of commands.entries()) {
      const descriptor = descriptors[command.operation] as Descriptor;
      const args = [command.command, ...flagsFor(command, await inputFor(document, descriptor, index + 1))];
      const result = await ango(args);
      const seen = result.mock.calls.at(-1);
      if (result.status !== 0 || !seen?.valid)
        failures.push(
          `${args.join(" ")}: exit ${result.status} ${result.stderr.trim()} ${seen?.reason ?? ""}`,
        );
    }
    expect(failures).toEqual([]);
  }, 120_000);

  test("a value that begins with a dash reaches the call as the value, not as a flag", async () => {
    const stringPath = (p: CommandSpec["parameters"][number]) =>
      p.in === "path" && p.required && p.type === "string";
    const command = commands.find((c) => c.parameters.some(stringPath));
    const parameter = command?.parameters.find(stringPath);
    if (!command || !parameter) throw new Error("the vendor's API has a path parameter");
    const input = await inputFor(document, descriptors[command.operation] as Descriptor, 1);
    const args = [
      command.command,
      ...flagsFor(command, { ...input, [pathInputKey(parameter.name)]: "-dash1" }),
    ];
    const result = await ango(args);
    expect([result.status, result.stderr]).toEqual([0, ""]);
    expect(result.mock.calls.at(-1)?.path).toContain("/-dash1");
  });

  test("--all --output ndjson over 250 items prints exactly 250 lines, page by page; a terminal sees progress", async () => {
    const list = commands.find(
      (c) => c.pagination && c.parameters.every((p) => !p.required || p.in === "path"),
    );
    if (!list?.pagination) throw new Error("the vendor's API has a list");
    const { items, total } = list.pagination;
    // A page as the shape places it: the items and the total at their paths.
    const pageBody = (slice: unknown[]) => {
      const body: Record<string, unknown> = { status: "success" };
      for (const [path, value] of [
        [items, slice],
        [total, 250],
      ] as const) {
        let at = body;
        for (const key of path.slice(0, -1)) {
          at[key] ??= {};
          at = at[key] as Record<string, unknown>;
        }
        at[path.at(-1) as string] = value;
      }
      return body;
    };
    const pages: number[] = [];
    const respond = (call: { query: Record<string, unknown> }) => {
      const page = Number(call.query.page);
      const limit = Number(call.query.limit);
      pages.push(page);
      const slice = Array.from({ length: 250 }, (_, i) => ({ _id: `item${i}` })).slice(
        (page - 1) * limit,
        page * limit,
      );
      return { status: 200, body: pageBody(slice) };
    };
    const path = list.parameters.filter((p) => p.required).flatMap((p) => [`--${p.flag}`, "p1"]);
    const piped = await ango([list.command, ...path, "--all", "--output", "ndjson"], respond);
    const lines = piped.stdout.trim().split("\n");
    expect(piped.status).toBe(0);
    expect(lines).toHaveLength(250);
    expect(lines.map((line) => (JSON.parse(line) as Json)._id)).toEqual(
      Array.from({ length: 250 }, (_, i) => `item${i}`),
    );
    expect(pages).toEqual([1, 2, 3]);
    expect(piped.stderr).toBe("");

    const terminal = await ango([list.command, ...path, "--all", "--output", "ndjson"], respond, true);
    expect(terminal.stderr).toContain("\r\u001b[2K250 of 250 items 100%, 3 pages");
    expect(terminal.stderr.endsWith("\r\u001b[2K")).toBe(true);
    const limited = await ango([list.command, ...path, "--max-items", "120", "--output", "ndjson"], respond);
    expect(limited.stdout.trim().split("\n")).toHaveLength(120);
    const asJson = await ango([list.command, ...path, "--all"], respond);
    expect((JSON.parse(asJson.stdout) as unknown[]).length).toBe(250);
  });
});
