// The `ango` command: one generated command per operation of the spec, each a call through the client
// (its options, retries, typed errors and key redaction), printed for pipes.
import { readFileSync } from "node:fs";
import { type AngoLogger, type FetchLike, scrubKey } from "@ango-hub/client";
import {
  AngoRuntime,
  type ApiAccess,
  type OperationDescriptor,
  operationDescriptors,
  paginate,
  specAccess,
  valueAt,
} from "@ango-hub/client/contract";
import { displayJson } from "@ango-hub/client/text";
import { type ResponseValidator, responseValidation } from "@ango-hub/client/validation";
import { parseCommand, processSources, type Sources } from "./args.js";
import type { CommandSpec } from "./command-spec.js";
import { describeFailure, EXIT, exitCodeOf, UsageError } from "./exit-codes.js";
import { api, commands } from "./generated/commands.js";
import { commandHelp, toolHelp } from "./help.js";
import { oneLine } from "./text.js";

export { COMMON_FLAGS } from "./args.js";
export type { BodyField, CommandParameter, CommandSpec } from "./command-spec.js";

/** Where the command reads and writes; the process's own streams, or a test's. */
export interface CliIO {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  sources: Sources;
  /** A fetch for the client (tests); default: the runtime's own. */
  fetch?: FetchLike;
  /**
   * Aborted when the reader of stdout has gone (`ango ... | head -1`): the command then stops at once,
   * sends no further request and ends with EXIT.closedPipe, printing nothing.
   */
  outputClosed?: AbortSignal;
}

const stdoutClosed = new AbortController();
// Node ignores SIGPIPE and reports EPIPE on the stream instead; any later write error is the same end.
process.stdout.on?.("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE" || stdoutClosed.signal.aborted) stdoutClosed.abort();
  else throw error;
});

export const processIO: CliIO = {
  stdout: process.stdout,
  stderr: process.stderr,
  sources: processSources,
  outputClosed: stdoutClosed.signal,
};

/** This package's version, as published (read beside the code: src/ in the repository, dist/ installed). */
const VERSION: string = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version;

/**
 * Log lines on stderr, with their details as JSON: a server's text in them (a drift warning names the
 * server's field names) goes through the one cleaning rule, one line each.
 */
function stderrLogger(io: CliIO): AngoLogger {
  const line = (message: string, details?: Record<string, unknown>) => {
    io.stderr.write(`${oneLine(message)}${details ? ` ${displayJson(JSON.stringify(details))}` : ""}\n`);
  };
  return { error: line, warn: line, info: line, debug: line };
}

/** A progress line on a terminal, rewritten in place; nothing when stderr is a pipe or a file. */
function progress(io: CliIO, enabled: boolean) {
  let shown = false;
  return {
    update(items: number, page: number, total: number | undefined) {
      if (!enabled) return;
      const of = total === undefined ? "" : ` of ${total.toLocaleString("en")}`;
      const percent = total ? ` ${Math.min(100, Math.floor((items / total) * 100))}%` : "";
      io.stderr.write(
        `\r\u001b[2K${items.toLocaleString("en")}${of} items${percent}, ${page} page${page === 1 ? "" : "s"}`,
      );
      shown = true;
    },
    done() {
      if (shown) io.stderr.write("\r\u001b[2K");
    },
  };
}

/** What the commands are: generated from the spec (the default), or another document's for tests. */
export interface Catalog {
  api: { title: string; version: string };
  commands: readonly CommandSpec[];
  /** Each operation's descriptor, by the operation's generated name. */
  descriptors: Record<string, OperationDescriptor>;
  /** The document's servers (the `--server` presets) and where its key goes. */
  access: ApiAccess;
  /** The response checker over the document's plans, for `--validate-responses`; none: the flag is refused. */
  responseValidation?: ResponseValidator | undefined;
}

const SPEC_CATALOG: Catalog = {
  api,
  commands,
  descriptors: operationDescriptors as Record<string, OperationDescriptor>,
  access: specAccess,
  responseValidation,
};

/**
 * The same streams with the key removed from everything written to them, in every form it can take: a
 * key pasted by mistake as a flag's value, or echoed by a server, never reaches the terminal.
 */
function withoutKey(io: CliIO, key: string | undefined): CliIO {
  if (!key) return io;
  const scrubbed = (stream: CliIO["stdout"]) => ({
    write: (text: string) => stream.write(scrubKey(text, key)),
    ...(stream.isTTY !== undefined ? { isTTY: stream.isTTY } : {}),
  });
  return { ...io, stdout: scrubbed(io.stdout), stderr: scrubbed(io.stderr) };
}

/** Runs `ango <args>`; returns the exit status. */
export async function runCli(args: string[], io: CliIO = processIO, catalog = SPEC_CATALOG): Promise<number> {
  return run(
    args,
    withoutKey(io, (globalThis.process?.env?.ANGO_API_KEY ?? "").trim() || undefined),
    catalog,
  );
}

async function run(args: string[], io: CliIO, catalog: Catalog): Promise<number> {
  const { commands, api } = catalog;
  try {
    const [first, ...rest] = args;
    if (first === undefined || first === "--help" || first === "-h") {
      (first === undefined ? io.stderr : io.stdout).write(toolHelp(commands, api, catalog.access));
      return first === undefined ? EXIT.usage : EXIT.ok;
    }
    if (first === "--version" || first === "-V") {
      io.stdout.write(`@ango-hub/cli ${VERSION} (${oneLine(api.title, 200)} ${oneLine(api.version, 100)})\n`);
      return EXIT.ok;
    }
    const command = commands.find((c) => c.command === first);
    if (!command) throw new UsageError(unknownCommand(first, commands));
    const { request, options } = await parseCommand(command, rest, io.sources);
    if (options.help) {
      io.stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    const runtime = new AngoRuntime(
      {
        ...(options.server !== undefined ? { server: options.server } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
        ...(options.logLevel !== undefined ? { logLevel: options.logLevel as never } : {}),
        ...(options.validateResponses !== undefined
          ? { validateResponses: options.validateResponses as never }
          : {}),
        responseValidation: catalog.responseValidation,
        ...(io.fetch ? { fetch: io.fetch } : {}),
        logger: stderrLogger(io),
      },
      catalog.access,
    );
    const descriptor = catalog.descriptors[command.operation];
    if (!descriptor)
      throw new Error(
        `no descriptor for ${command.operation}: the CLI and the client are from different specs.`,
      );
    const print = (value: unknown, pretty: boolean) => {
      if (!options.quiet && !io.outputClosed?.aborted)
        io.stdout.write(`${displayJson(JSON.stringify(value, null, pretty ? 2 : undefined))}\n`);
    };
    const pretty = options.output === "json" && io.stdout.isTTY === true;

    if (options.all || options.maxItems !== undefined) {
      if (!command.pagination)
        throw new UsageError(
          `--all and --max-items are for lists; ${command.command} is not one. Lists: ${
            commands
              .filter((c) => c.pagination)
              .map((c) => c.command)
              .join(", ") || "none"
          }.`,
        );
      await walk(
        runtime,
        descriptor,
        request,
        options,
        io,
        (item) => {
          if (options.output === "ndjson") print(item, false);
          return options.output === "json";
        },
        (items) => print(items, pretty),
      );
      return io.outputClosed?.aborted ? EXIT.closedPipe : EXIT.ok;
    }

    const result = await runtime.call(
      descriptor,
      request,
      io.outputClosed ? { signal: io.outputClosed } : undefined,
    );
    if (result === undefined) return EXIT.ok;
    const items = command.pagination && valueAt(result, command.pagination.items);
    if (options.output === "ndjson") {
      // A list's items, an array's elements, or the one value: one JSON value per line.
      let lines: unknown[] = [result];
      if (Array.isArray(items)) lines = items;
      else if (Array.isArray(result)) lines = result;
      for (const line of lines) print(line, false);
    } else print(result, pretty);
    return io.outputClosed?.aborted ? EXIT.closedPipe : EXIT.ok;
  } catch (error) {
    if (io.outputClosed?.aborted) return EXIT.closedPipe;
    io.stderr.write(`${describeFailure(error)}\n`);
    return exitCodeOf(error);
  }
}

/** Every item of a list through the client's page iterator, with a progress line on a terminal. */
async function walk(
  runtime: AngoRuntime,
  descriptor: OperationDescriptor,
  request: Parameters<typeof paginate>[2],
  options: { quiet: boolean; maxItems: number | undefined; output: string },
  io: CliIO,
  onItem: (item: unknown) => boolean,
  onEnd: (items: unknown[]) => void,
): Promise<void> {
  let pages = 0;
  let total: number | undefined;
  // Counts pages and reads `total` as each page arrives; the call itself is the runtime's.
  const counting = {
    call<T>(operation: OperationDescriptor, pageRequest: typeof request, callOptions?: object) {
      const sent = runtime.call<T>(operation, pageRequest, {
        ...callOptions,
        ...(io.outputClosed ? { signal: io.outputClosed } : {}),
      });
      sent.then(
        (page) => {
          pages++;
          const found = descriptor.pagination && valueAt(page, descriptor.pagination.total);
          if (typeof found === "number") total = found;
        },
        () => {},
      );
      return sent;
    },
  };
  const bar = progress(io, io.stderr.isTTY === true && !options.quiet);
  const collected: unknown[] = [];
  let count = 0;
  try {
    for await (const item of paginate(
      counting,
      descriptor,
      request,
      options.maxItems !== undefined ? { maxItems: options.maxItems } : {},
    )) {
      if (io.outputClosed?.aborted) break;
      if (onItem(item)) collected.push(item);
      count++;
      bar.update(count, pages, total);
    }
  } finally {
    bar.done();
  }
  if (options.output === "json") onEnd(collected);
}

/** Edits (insert, delete, replace one character) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = row;
  }
  return previous[b.length] as number;
}

/** The message for a command that does not exist, with the (at most three) closest ones, as git does. */
function unknownCommand(name: string, commands: readonly CommandSpec[]): string {
  const close = commands
    .map((c) => ({ command: c.command, distance: editDistance(name.slice(0, 100), c.command) }))
    .filter(({ distance }) => distance <= Math.max(2, Math.floor(name.length / 3)))
    .sort((a, b) => a.distance - b.distance || (a.command < b.command ? -1 : 1))
    .slice(0, 3)
    .map(({ command }) => command);
  return `unknown command "${oneLine(name, 60)}".${close.length ? ` Did you mean: ${close.join(", ")}?` : ""} See ango --help.`;
}
