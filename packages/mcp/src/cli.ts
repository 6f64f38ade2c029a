// `ango-mcp`: reads its flags, then serves over stdio (standard output carries only the protocol's
// messages) or Streamable HTTP.
import { parseArgs } from "node:util";
import { displayText } from "@ango-hub/client/text";
import { type Catalog, SPEC_CATALOG } from "./catalog.js";
import type { AngoMcpServerOptions } from "./server.js";
import { selectTools, type ToolFilter, unmatchedPatterns } from "./tools.js";
import { VERSION } from "./version.js";

/** A mistake in the command line: printed with a pointer to --help, exit status 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

const FLAGS = {
  tools: { type: "string" },
  "read-only": { type: "boolean" },
  tool: { type: "string", multiple: true },
  exclude: { type: "string", multiple: true },
  transport: { type: "string" },
  host: { type: "string" },
  port: { type: "string" },
  "allowed-host": { type: "string", multiple: true },
  "allowed-origin": { type: "string", multiple: true },
  server: { type: "string" },
  "timeout-ms": { type: "string" },
  "max-retries": { type: "string" },
  validate: { type: "string" },
  "list-tools": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "V" },
} as const;

export function help(catalog: Catalog = SPEC_CATALOG): string {
  return `ango-mcp: the ${displayText(catalog.api.title.slice(0, 200))} as a Model Context Protocol server.
${catalog.tools.length} operation${catalog.tools.length === 1 ? "" : "s"}, each a tool (or three dynamic tools).

Usage: ango-mcp [options]

Tools:
  --tools operations|dynamic   a tool per operation (default), or three tools that search, describe
                               and invoke operations (for clients with little room for tools)
  --read-only                  only operations that read (GET)
  --tool NAME                  only this tool; repeatable; * and ? are wildcards (--tool 'list_*')
  --exclude NAME               not this tool; repeatable; wildcards as --tool
  --list-tools                 print the tools the other flags select, and exit

Transport:
  --transport stdio|http       stdio (default): the MCP client starts ango-mcp; http: Streamable HTTP
  --port N                     http: the port (default: one the system picks, printed on stderr)
  --host ADDRESS               http: the address to listen on (default 127.0.0.1, this machine only)
  --allowed-host NAME          http: a Host header to accept besides loopback's; repeatable
  --allowed-origin ORIGIN      http: a browser Origin to accept besides loopback pages; repeatable

Calls:
  --server PRESET|URL          ${Object.keys(catalog.access.serverPresets).join(", ") || "a base URL"} or a base URL (default: ANGO_BASE_URL, ANGO_SERVER, else the first)
  --timeout-ms N               per attempt
  --max-retries N              retries of a call that is safe to repeat
  --validate off|observe|enforce  check answers against the spec (observe: log drift on stderr)

Environment: ANGO_API_KEY (stdio; over http each client sends Authorization: Bearer <key>),
ANGO_SERVER, ANGO_BASE_URL, ANGO_LOG. Logs go to stderr; stdout carries only MCP messages.
`;
}

function count(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min)
    throw new UsageError(
      `--${flag} takes a whole number of at least ${min}, not "${displayText(text.slice(0, 40))}".`,
    );
  return value;
}

function oneOf<T extends string>(
  flag: string,
  text: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (text === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(text))
    throw new UsageError(`--${flag} takes ${allowed.join(", ")}, not "${displayText(text.slice(0, 40))}".`);
  return text as T;
}

export interface Command {
  action: "help" | "version" | "list" | "serve";
  transport: "stdio" | "http";
  server: AngoMcpServerOptions;
  http: { host?: string; port?: number; allowedHosts?: string[]; allowedOrigins?: string[] };
}

/** Reads `ango-mcp`'s arguments; a UsageError says what is wrong in the flags' words. */
export function parseCommand(args: readonly string[], catalog: Catalog = SPEC_CATALOG): Command {
  let values: ReturnType<typeof parseArgs<{ options: typeof FLAGS; strict: true }>>["values"];
  try {
    ({ values } = parseArgs({ args: [...args], options: FLAGS, strict: true, allowPositionals: false }));
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    // Node's words speak of positionals and `--`: said here in ango-mcp's terms, naming the argument.
    const named = /'([^']*)'/.exec(message)?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION")
      throw new UsageError(`unknown flag ${displayText(named.slice(0, 60))}.`);
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL")
      throw new UsageError(
        `unexpected argument "${displayText(named.slice(0, 60))}": ango-mcp takes flags only.`,
      );
    throw new UsageError(displayText(message.split(".")[0] ?? "bad arguments"));
  }
  const filter: ToolFilter = {
    ...(values["read-only"] ? { readOnly: true } : {}),
    ...(values.tool ? { include: values.tool } : {}),
    ...(values.exclude ? { exclude: values.exclude } : {}),
  };
  const unmatched = unmatchedPatterns(catalog.tools, filter);
  if (unmatched.length > 0)
    throw new UsageError(
      `no tool matches ${unmatched.map((p) => `"${displayText(p.slice(0, 80))}"`).join(", ")} (--tool, --exclude); ango-mcp --list-tools lists them.`,
    );
  if (selectTools(catalog.tools, filter).length === 0)
    throw new UsageError(
      "the flags select no tool (--read-only, --tool, --exclude); ango-mcp --list-tools lists them.",
    );
  const transport = oneOf("transport", values.transport, ["stdio", "http"] as const) ?? "stdio";
  const httpOnly = ["port", "host", "allowed-host", "allowed-origin"].filter(
    (flag) => values[flag as keyof typeof values] !== undefined,
  );
  if (transport === "stdio" && httpOnly.length > 0)
    throw new UsageError(`--${httpOnly[0]} is for --transport http.`);
  const port = count("port", values.port, 0);
  if (port !== undefined && port > 65_535) throw new UsageError("--port takes a number from 0 to 65535.");
  const timeoutMs = count("timeout-ms", values["timeout-ms"], 1);
  const maxRetries = count("max-retries", values["max-retries"], 0);
  const validate = oneOf("validate", values.validate, ["off", "observe", "enforce"] as const);
  const tools = oneOf("tools", values.tools, ["operations", "dynamic"] as const);
  let action: Command["action"] = "serve";
  if (values.help) action = "help";
  else if (values.version) action = "version";
  else if (values["list-tools"]) action = "list";
  return {
    action,
    transport,
    server: {
      ...(tools ? { tools } : {}),
      filter,
      ...(values.server !== undefined ? { server: values.server } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(maxRetries !== undefined ? { maxRetries } : {}),
      ...(validate ? { validateResponses: validate } : {}),
      catalog,
    },
    http: {
      ...(values.host !== undefined ? { host: values.host } : {}),
      ...(port !== undefined ? { port } : {}),
      ...(values["allowed-host"] ? { allowedHosts: values["allowed-host"] } : {}),
      ...(values["allowed-origin"] ? { allowedOrigins: values["allowed-origin"] } : {}),
    },
  };
}

/** The tools a command line selects, one per line: name, method and path, title. */
export function toolList(command: Command, catalog: Catalog = SPEC_CATALOG): string {
  return selectTools(catalog.tools, command.server.filter)
    .map(
      (spec) =>
        `${spec.name}  ${spec.method} ${displayText(spec.path)}${spec.title ? `  ${displayText(spec.title)}` : ""}\n`,
    )
    .join("");
}

/** Runs `ango-mcp <args>`; resolves once serving has started (stdio: connected; http: listening). */
export async function main(args: readonly string[]): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`ango-mcp: ${error.message} See ango-mcp --help.\n`);
    return 2;
  }
  if (command.action === "help") process.stdout.write(help());
  else if (command.action === "version") process.stdout.write(`@ango-hub/mcp ${VERSION}\n`);
  else if (command.action === "list") process.stdout.write(toolList(command));
  // The server, the SDK and the transports load only to serve: --help and --list-tools start fast.
  else if (command.transport === "http") {
    const { serveHttp } = await import("./http.js");
    const served = await serveHttp({ ...command.server, ...command.http });
    process.stderr.write(`ango-mcp: serving MCP at ${served.url} (Streamable HTTP)\n`);
    const stop = () => void served.close().then(() => process.exit(0));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  } else {
    const [{ createAngoMcpServer }, { StdioServerTransport }] = await Promise.all([
      import("./server.js"),
      import("@modelcontextprotocol/sdk/server/stdio.js"),
    ]);
    await createAngoMcpServer(command.server).connect(new StdioServerTransport());
  }
  return 0;
}
