// What a tool call answers: the structured result (see outputSchemaOf) and the same as JSON text, with
// the output filter applied, trimmed to RESULT_LIMITS.maxResultChars, and the key removed; or an error
// result naming the class, the status and the server's message.
import { AngoConfigError, AngoError, scrubKey } from "@ango-hub/client";
import { scrubKeyDeep } from "@ango-hub/client/contract";
import { displayJson, displayText } from "@ango-hub/client/text";
import { search } from "@jmespath-community/jmespath";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { RESULT_LIMITS } from "./tools.js";

/** A call's failure the agent can mend (bad arguments, a bad filter): said as such, not as a server error. */
export class ToolInputError extends Error {
  override name = "ToolInputError";
}

/** At most this many halvings of the largest list while trimming a result. */
const MAX_TRIM_STEPS = 64;

/** The largest array in `value` (by its JSON length), with where it is; none when there is no array. */
function largestArray(
  value: unknown,
  at = "",
  depth = 0,
): { list: unknown[]; at: string; size: number } | undefined {
  if (typeof value !== "object" || value === null || depth > 50) return undefined;
  let best: { list: unknown[]; at: string; size: number } | undefined;
  if (Array.isArray(value) && value.length > 1)
    best = { list: value, at: at || "(the result)", size: JSON.stringify(value).length };
  for (const [name, child] of Object.entries(value)) {
    const found = largestArray(
      child,
      Array.isArray(value) ? `${at}[${name}]` : [at, name].filter(Boolean).join("."),
      depth + 1,
    );
    if (found && (!best || found.size > best.size)) best = found;
  }
  return best;
}

/**
 * `structured` within the size limit: its largest lists cut (a note says which, from how many), else
 * only a note. Lists are cut in place, on a copy.
 */
function withinLimit(structured: Record<string, unknown>): Record<string, unknown> {
  const limit = RESULT_LIMITS.maxResultChars;
  let text = JSON.stringify(structured);
  if (text.length <= limit) return structured;
  const copy = JSON.parse(text) as Record<string, unknown>;
  const cuts = new Map<string, number>();
  for (let step = 0; step < MAX_TRIM_STEPS && text.length > limit; step++) {
    const largest = largestArray(copy);
    if (!largest) break;
    if (!cuts.has(largest.at)) cuts.set(largest.at, largest.list.length);
    largest.list.length = Math.floor(largest.list.length / 2);
    text = JSON.stringify(copy);
  }
  const why = `over RESULT_LIMITS.maxResultChars (${limit.toLocaleString("en")} characters of JSON); use the output filter to ask for less`;
  if (text.length > limit)
    return {
      note: `The result was left out: it is ${JSON.stringify(structured).length.toLocaleString("en")} characters, ${why}.`,
    };
  const kept = [...cuts].map(([at, from]) => {
    const list = largestAt(copy, at);
    return `${at}: ${list} of ${from} items`;
  });
  return { ...copy, note: `Trimmed (${kept.join("; ")}): ${why}.` };
}

/** The length of the list at a path largestArray wrote (a dotted path with `[n]` indexes). */
function largestAt(value: unknown, at: string): number {
  if (at === "(the result)") return Array.isArray(value) ? value.length : 0;
  let current: unknown = value;
  for (const part of at.match(/[^.[\]]+/g) ?? [])
    current = (current as Record<string, unknown> | null)?.[part];
  return Array.isArray(current) ? current.length : 0;
}

export interface ResultOptions {
  /** The output filter the call gave, if any. */
  filter?: string | undefined;
  /** The API key: removed from everything returned. */
  key?: string | undefined;
  /** A note to add (e.g. that all_pages stopped at max_items). */
  note?: string | undefined;
}

/** The result of a successful call: `{ result }` or `{ items }`, or `{ filtered }` with a filter. */
export function successResult(
  payload: { result: unknown } | { items: unknown[] },
  options: ResultOptions,
): CallToolResult {
  let structured: Record<string, unknown> = { ...payload };
  if (options.filter !== undefined) {
    const subject = "items" in payload ? payload.items : payload.result;
    let filtered: unknown;
    try {
      filtered = search(subject as never, options.filter);
    } catch (error) {
      throw new ToolInputError(
        `output_filter is not a JMESPath expression this server can apply: ${error instanceof Error ? error.message : String(error)}. Fix the expression, or leave it out.`,
      );
    }
    structured = { filtered: filtered ?? null };
  }
  structured = withinLimit(structured);
  if (options.note) structured.note = structured.note ? `${options.note} ${structured.note}` : options.note;
  if (options.key) {
    try {
      structured = scrubKeyDeep(structured, options.key);
    } catch {
      // Deeper than the scrub may walk: the answer is replaced rather than sent unchecked.
      structured = { note: "The result was left out: it is nested too deeply to check for the API key." };
    }
  }
  const text = JSON.stringify(structured);
  return {
    content: [{ type: "text", text: displayJson(options.key ? scrubKey(text, options.key) : text) }],
    structuredContent: structured,
  };
}

/** A failed call as the agent sees it: the class, the status, the server's message; never the key. */
export function errorResult(error: unknown, key: string | undefined): CallToolResult {
  const text = displayText(scrubbed(describe(error), key));
  return { isError: true, content: [{ type: "text", text }] };
}

function scrubbed(text: string, key: string | undefined): string {
  return key ? scrubKey(text, key) : text;
}

function describe(error: unknown): string {
  if (error instanceof ToolInputError) return error.message;
  if (!(error instanceof Error)) return `Unexpected failure: ${String(error)}`;
  if (error instanceof AngoConfigError) return `${error.name}: ${error.message}`;
  const details = error as { status?: unknown; requestId?: unknown; serverMessage?: unknown };
  const parts = [error.name];
  if (typeof details.status === "number") parts.push(String(details.status));
  if (typeof details.requestId === "string") parts.push(`(request ${details.requestId.slice(0, 100)})`);
  const message = typeof details.serverMessage === "string" ? details.serverMessage : error.message;
  const text = `${parts.join(" ")}: ${error instanceof AngoError ? message : `unexpected failure: ${message}`}`;
  return text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text;
}
