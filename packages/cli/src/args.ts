// A command line turned into one call: the operation's parameters from their flags (read as the spec's
// types), the body from --body / --file, and the options every command takes.
import { basename } from "node:path";
import { parseArgs } from "node:util";
import type { OperationRequest } from "@ango-hub/client/contract";
import { FileInputError, readFileCapped } from "@ango-hub/client/node";
import type { CommandParameter, CommandSpec } from "./command-spec.js";
import { UsageError } from "./exit-codes.js";
import { oneLine } from "./text.js";

/** The largest body read from a file or standard input. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export const OUTPUTS = ["json", "ndjson"] as const;
export type Output = (typeof OUTPUTS)[number];

/** The options every command takes (see `ango --help`). */
export interface CommonOptions {
  help: boolean;
  server: string | undefined;
  timeoutMs: number | undefined;
  maxRetries: number | undefined;
  logLevel: string | undefined;
  validateResponses: string | undefined;
  output: Output;
  all: boolean;
  maxItems: number | undefined;
  quiet: boolean;
}

/** Flags every command takes, as parseArgs reads them. */
export const COMMON_FLAGS = {
  help: { type: "boolean", short: "h" },
  body: { type: "string" },
  file: { type: "string", multiple: true },
  server: { type: "string" },
  "timeout-ms": { type: "string" },
  "max-retries": { type: "string" },
  "log-level": { type: "string" },
  "validate-responses": { type: "string" },
  output: { type: "string", short: "o" },
  all: { type: "boolean" },
  "max-items": { type: "string" },
  quiet: { type: "boolean", short: "q" },
} as const;

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** Where the body and files come from: the caller's standard input and files (injected in tests). */
export interface Sources {
  readStdin(): Promise<Uint8Array>;
  readFile(path: string): Promise<Uint8Array>;
}

export const processSources: Sources = {
  async readStdin() {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of process.stdin as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES)
        throw new UsageError(`standard input is over ${MAX_BODY_BYTES} bytes, the limit for a body.`);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  },
  async readFile(path) {
    // Checked before it is read (a regular file under the limit) and read with a cap: /dev/zero, a FIFO
    // or a huge file is refused at once.
    return readFileCapped(path, MAX_BODY_BYTES, "a body or file (--body @file, --file)").catch(
      (error: unknown): never => {
        throw error instanceof FileInputError ? new UsageError(error.message) : error;
      },
    );
  },
};

function wholeNumber(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min)
    throw new UsageError(`--${flag} must be a whole number from ${min}, got "${text}".`);
  return Number(text);
}

/** The options every command takes, checked; the client checks the rest of their ranges. */
export function commonOptions(values: Values): CommonOptions {
  const output = (values.output as string | undefined) ?? "json";
  if (!OUTPUTS.includes(output as Output))
    throw new UsageError(`--output must be one of ${OUTPUTS.join(", ")}, got "${output}".`);
  return {
    help: values.help === true,
    server: values.server as string | undefined,
    timeoutMs: wholeNumber("timeout-ms", values["timeout-ms"] as string | undefined, 1),
    maxRetries: wholeNumber("max-retries", values["max-retries"] as string | undefined, 0),
    logLevel: values["log-level"] as string | undefined,
    validateResponses: values["validate-responses"] as string | undefined,
    output: output as Output,
    all: values.all === true,
    maxItems: wholeNumber("max-items", values["max-items"] as string | undefined, 1),
    quiet: values.quiet === true,
  };
}

/** parseArgs' options for a command: its parameters' flags beside the common ones. */
function flagsOf(command: CommandSpec) {
  const flags: Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }> = {
    ...COMMON_FLAGS,
  };
  for (const parameter of command.parameters) {
    if (parameter.type === "boolean") {
      flags[parameter.flag] = { type: "boolean" };
      flags[`no-${parameter.flag}`] = { type: "boolean" };
    } else flags[parameter.flag] = { type: "string", multiple: parameter.type === "array" };
  }
  return flags;
}

/** One flag's text as the parameter's type says, or a UsageError naming the flag and what it takes. */
function flagValue(parameter: CommandParameter, raw: string | boolean | (string | boolean)[]): unknown {
  const flag = `--${parameter.flag}`;
  const one = (text: string): unknown => {
    switch (parameter.type) {
      case "integer":
        if (!/^-?\d+$/.test(text)) throw new UsageError(`${flag} must be a whole number, got "${text}".`);
        return Number(text);
      case "number": {
        const value = Number(text);
        if (text.trim() === "" || !Number.isFinite(value))
          throw new UsageError(`${flag} must be a number, got "${text}".`);
        return value;
      }
      case "object":
        return json(flag, text, "a JSON object");
      default:
        return text;
    }
  };
  let value: unknown;
  if (typeof raw === "boolean") value = raw;
  else if (Array.isArray(raw)) {
    // `--ids a --ids b`, or one JSON array: `--ids '["a","b"]'`.
    const texts = raw.map(String);
    value =
      texts.length === 1 && texts[0]?.trim().startsWith("[")
        ? json(flag, texts[0] as string, "a JSON array")
        : texts;
  } else value = one(raw);
  const allowed = parameter.enum;
  if (allowed && !(Array.isArray(value) ? value : [value]).every((v) => allowed.includes(v as string)))
    throw new UsageError(`${flag} must be one of ${allowed.join(", ")}.`);
  return value;
}

function json(what: string, text: string, expected: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what} must be ${expected}: ${(error as Error).message}.`);
  }
}

/** The body as the operation sends it, from `--body` (JSON, `@file` or `-` for standard input) and `--file`. */
async function bodyOf(command: CommandSpec, values: Values, sources: Sources): Promise<unknown> {
  const spec = command.body;
  const text = values.body as string | undefined;
  const files = (values.file as string[] | undefined) ?? [];
  if (!spec) {
    if (text !== undefined || files.length > 0)
      throw new UsageError(`${command.command} takes no body (--body, --file).`);
    return undefined;
  }
  let raw: Uint8Array | string | undefined;
  if (text === "-") raw = await sources.readStdin();
  else if (text?.startsWith("@")) raw = await sources.readFile(text.slice(1));
  else raw = text;
  if (spec.encoding === "binary")
    return raw === undefined ? undefined : new Blob([raw as Uint8Array<ArrayBuffer>]);
  const bodyText = raw instanceof Uint8Array ? new TextDecoder().decode(raw) : raw;
  if (spec.encoding === "text") return bodyText;
  let body =
    bodyText === undefined ? undefined : json("--body", bodyText, "JSON (or @file, or - for standard input)");
  if (files.length > 0) {
    if (spec.encoding !== "multipart")
      throw new UsageError(`--file is for multipart bodies; ${command.command} takes ${spec.mediaType}.`);
    if (body !== undefined && (typeof body !== "object" || body === null || Array.isArray(body)))
      throw new UsageError("--body must be a JSON object of the other fields when --file is given.");
    const fields: Record<string, unknown> = { ...(body as Record<string, unknown> | undefined) };
    const fromFiles = new Set<string>();
    for (const entry of files) {
      const match = /^([^=]+)=@(.+)$/.exec(entry);
      if (!match) throw new UsageError(`--file takes field=@path, got "${entry}".`);
      const [, field, path] = match as unknown as [string, string, string];
      const file = new File([(await sources.readFile(path)) as Uint8Array<ArrayBuffer>], basename(path));
      // The same field twice: a list of files.
      const before = fields[field];
      if (!fromFiles.has(field)) fields[field] = file;
      else fields[field] = Array.isArray(before) ? [...before, file] : [before, file];
      fromFiles.add(field);
    }
    body = fields;
  }
  return body;
}

/** The command line after the command's name, as the call it asks for. */
export async function parseCommand(
  command: CommandSpec,
  args: string[],
  sources: Sources,
): Promise<{ request: OperationRequest; options: CommonOptions }> {
  let values: Values;
  try {
    ({ values } = parseArgs({ args, options: flagsOf(command), strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message.replace(/\. To specify.*$/s, "")} (see ango ${command.command} --help).`,
    );
  }
  const options = commonOptions(values);
  if (options.help) return { request: {}, options };
  const request: Required<Pick<OperationRequest, "path" | "query" | "headers" | "cookies">> = {
    path: {},
    query: {},
    headers: {},
    cookies: {},
  };
  const group = { path: "path", query: "query", header: "headers", cookie: "cookies" } as const;
  for (const parameter of command.parameters) {
    const negated = parameter.type === "boolean" && values[`no-${parameter.flag}`] === true;
    const raw = negated ? false : values[parameter.flag];
    if (raw === undefined) {
      if (parameter.required)
        throw new UsageError(
          `--${parameter.flag} is required${parameter.description ? ` (${oneLine(parameter.description)})` : ""} (see ango ${command.command} --help).`,
        );
      continue;
    }
    request[group[parameter.in]][parameter.name] = flagValue(parameter, raw);
  }
  const body = await bodyOf(command, values, sources);
  if (command.body?.required && body === undefined)
    throw new UsageError(
      `${command.command} needs a body: --body JSON, --body @file.json or --body - (see ango ${command.command} --help).`,
    );
  return { request: { ...request, ...(body !== undefined ? { body } : {}) }, options };
}
