// `ango --help` and `ango <command> --help`, built from the spec's summaries, descriptions, parameters and
// body schema. Every text from the spec goes through text(): no control characters reach the terminal.
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from "@ango-hub/client";
import type { ApiAccess } from "@ango-hub/client/contract";
import type { BodyField, CommandSpec } from "./command-spec.js";
import { EXIT } from "./exit-codes.js";

import { oneLine as text } from "./text.js";

/** Wraps `value` at 100 columns with `indent` before each line. */
function wrap(value: string, indent: string): string {
  const lines: string[] = [];
  for (const paragraph of value.split(/\n+/).map((line) => text(line))) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + word.length + 1 > 100 - indent.length) {
        lines.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(indent + line);
  }
  return lines.join("\n");
}

/** The flags every command takes; the server presets are the catalog's. */
const commonHelp = ({ serverPresets, defaultServerPreset }: ApiAccess) => `Options of every command:
  --body <json|@file|->    the request body: JSON text, a file, or standard input
  --file <field=@path>     a file for a multipart body (repeat for several)
  --output <json|ndjson>   json (default; indented on a terminal) or one JSON value per line
  --all                    every page of a list, one call per page (with --output ndjson, streamed)
  --max-items <n>          stop a list after n items
  --quiet, -q              print nothing on success
  --server <preset|url>    ${Object.keys(serverPresets).map(text).join(", ")} or a base URL (default: ANGO_BASE_URL, ANGO_SERVER, ${text(defaultServerPreset)})
  --timeout-ms <ms>        time limit per attempt (default ${DEFAULT_TIMEOUT_MS})
  --max-retries <n>        retries after the first attempt (default ${DEFAULT_MAX_RETRIES})
  --log-level <level>      off, error, warn, info (retries), debug (every attempt); the key is never shown
  --validate-responses <mode>  off, observe or enforce: check answers against the spec
  --help, -h               this help`;

const EXIT_HELP = `Exit status: ${EXIT.ok} success, ${EXIT.failure} other failure, ${EXIT.usage} usage, ${EXIT.config} configuration (e.g. no key),
  ${EXIT.auth} authentication or permission (401, 403), ${EXIT.notFound} not found (404), ${EXIT.validation} invalid request (400, 422),
  ${EXIT.rateLimit} rate limited (429), ${EXIT.server} server error (5xx), ${EXIT.connection} connection failed or timed out,
  ${EXIT.closedPipe} the output's reader went away (as SIGPIPE).`;

export function toolHelp(
  commands: readonly CommandSpec[],
  api: { title: string; version: string },
  access: ApiAccess,
): string {
  const width = Math.max(...commands.map((c) => c.command.length), 10);
  const rows = commands.map((c) => {
    const summary = text(c.summary ?? c.description?.split(/\n/)[0] ?? `${c.method} ${c.path}`);
    return `  ${c.command.padEnd(width)}  ${summary.length > 80 ? `${summary.slice(0, 79)}…` : summary}${c.deprecated ? " (deprecated)" : ""}`;
  });
  return `ango: ${text(api.title)} (${text(api.version)}) from the command line

Usage: ango <command> [flags]
       ango <command> --help
       ango --version

Commands:
${rows.join("\n")}

${commonHelp(access)}

Environment: ANGO_API_KEY (required), ANGO_SERVER, ANGO_BASE_URL, ANGO_LOG.
${EXIT_HELP}
`;
}

/** `value` as one single-quoted shell word (a `'` inside closes, escapes and reopens the quote). */
function shellQuoted(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

export function commandHelp(command: CommandSpec): string {
  const required = command.parameters.filter((p) => p.required);
  const usage = [
    `ango ${command.command}`,
    ...required.map((p) => `--${p.flag} <${text(p.type)}>`),
    ...(command.body ? [command.body.required ? "--body <json>" : "[--body <json>]"] : []),
    ...(command.parameters.length > required.length ? ["[flags]"] : []),
  ].join(" ");
  const lines = [`Usage: ${usage}`, ""];
  if (command.summary) lines.push(wrap(command.summary, ""), "");
  if (command.description && command.description !== command.summary)
    lines.push(wrap(command.description, ""), "");
  lines.push(
    `${command.method} ${text(command.path)}${command.deprecated ? "  (deprecated in the spec)" : ""}`,
  );
  if (command.parameters.length > 0) {
    lines.push("", "Flags:");
    for (const p of command.parameters) {
      const kind = p.enum
        ? p.enum
            .map(String)
            .map((v) => text(v))
            .join("|")
        : text(p.type);
      lines.push(
        `  --${p.flag} <${kind}>${p.required ? " (required)" : ""}  ${p.in} parameter ${text(p.name)}`,
      );
      if (p.description) lines.push(wrap(p.description, "      "));
      if (p.type === "boolean") lines.push(`      --no-${p.flag} sends false`);
      if (p.type === "array") lines.push(`      repeat the flag, or give a JSON array`);
    }
  }
  if (command.body) {
    lines.push("", `Body (${text(command.body.mediaType)}${command.body.required ? ", required" : ""}):`);
    if (command.body.encoding === "multipart")
      lines.push("  --body for the fields as JSON, --file field=@path for each file");
    const fieldLine = (field: BodyField, indent: string) =>
      `${indent}${text(field.name)}: ${text(field.type)}${field.required ? " (required)" : ""}${field.description ? `  ${text(field.description).slice(0, 120)}` : ""}`;
    for (const field of command.body.fields) {
      lines.push(fieldLine(field, "  "));
      for (const inner of field.fields ?? []) lines.push(fieldLine(inner, "      "));
    }
    if (command.body.example !== undefined) {
      const args = required.map((p) => `--${p.flag} <${text(p.type)}>`);
      lines.push(
        "",
        "Example:",
        `  ango ${[command.command, ...args].join(" ")} --body ${shellQuoted(text(command.body.example))}`,
      );
    }
  }
  if (command.pagination)
    lines.push(
      "",
      `A list: --all walks every page (${text(command.pagination.items.join("."))}); --output ndjson prints one item per line.`,
    );
  return `${lines.join("\n")}\n`;
}
