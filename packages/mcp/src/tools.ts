// The MCP tools the server lists: each generated ToolSpec with the server's control arguments, its
// annotations (from the method and the client's idempotency rule) and its output schema; and which of
// them a user chose to expose.
import { isIdempotentCall, type OperationDescriptor } from "@ango-hub/client/contract";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { CONTROL_ARGUMENTS, type JsonSchema, type ToolSpec } from "./tool-spec.js";

/** Limits on what one call returns; each is named in the note a trimmed result carries. */
export const RESULT_LIMITS = {
  /** Items `all_pages` collects when the call does not set `max_items`. */
  defaultMaxItems: 100,
  /** The largest `max_items` a call may ask for. */
  maxItems: 10_000,
  /** Characters of JSON text one result may hold; a larger one is trimmed (see results.ts). */
  maxResultChars: 100_000,
  /** Characters of an output_filter expression. */
  maxFilterChars: 1_000,
} as const;

const READ_ONLY_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Methods that change or remove what exists (MCP: "destructive"); a POST is taken as adding. */
const DESTRUCTIVE_METHODS = new Set(["DELETE", "PUT", "PATCH"]);

/** Which tools a server exposes: `--read-only`, `--tool NAME` (repeatable, `*` wildcards), `--exclude NAME`. */
export interface ToolFilter {
  readOnly?: boolean;
  /** Tool names or patterns (`*` any run of characters, `?` one); none: every tool. */
  include?: readonly string[];
  exclude?: readonly string[];
}

/** A name pattern as a matcher: `*` and `?` are wildcards, every other character is itself. */
function matcher(pattern: string): (name: string) => boolean {
  const wildcards: Record<string, string> = { "*": ".*", "?": "." };
  const source = pattern
    .split("")
    .map((c) => wildcards[c] ?? c.replace(/[\\^$.|+()[\]{}]/g, "\\$&"))
    .join("");
  const regex = new RegExp(`^${source}$`);
  return (name) => regex.test(name);
}

export function isReadOnly(spec: ToolSpec): boolean {
  return READ_ONLY_METHODS.has(spec.method);
}

/** The tools `filter` lets through, in the generated order. */
export function selectTools(specs: readonly ToolSpec[], filter: ToolFilter = {}): ToolSpec[] {
  const include = (filter.include ?? []).map(matcher);
  const exclude = (filter.exclude ?? []).map(matcher);
  return specs.filter(
    (spec) =>
      (!filter.readOnly || isReadOnly(spec)) &&
      (include.length === 0 || include.some((match) => match(spec.name))) &&
      !exclude.some((match) => match(spec.name)),
  );
}

/** Patterns of `filter` that match no tool at all: most likely a typing mistake the user should see. */
export function unmatchedPatterns(specs: readonly ToolSpec[], filter: ToolFilter): string[] {
  return [...(filter.include ?? []), ...(filter.exclude ?? [])].filter(
    (pattern) => !specs.some((spec) => matcher(pattern)(spec.name)),
  );
}

/** A control argument's name in one tool: its own, or with leading `_`s where an operation argument has it. */
export function controlArgument(spec: ToolSpec, control: keyof typeof CONTROL_ARGUMENTS): string {
  const properties = (spec.inputSchema.properties ?? {}) as Record<string, unknown>;
  let name: string = CONTROL_ARGUMENTS[control];
  while (Object.hasOwn(properties, name)) name = `_${name}`;
  return name;
}

/** The tool's input schema: the operation's arguments and the control arguments. */
export function inputSchemaOf(spec: ToolSpec): JsonSchema & { type: "object" } {
  const properties: Record<string, unknown> = { ...(spec.inputSchema.properties as object) };
  properties[controlArgument(spec, "outputFilter")] = {
    type: "string",
    maxLength: RESULT_LIMITS.maxFilterChars,
    description:
      "A JMESPath expression applied to the result; only its value is returned (e.g. `data.items[].name`). Ask for what you need: a result over the size limit is trimmed.",
  };
  if (spec.pagination) {
    properties[controlArgument(spec, "allPages")] = {
      type: "boolean",
      description: `Follow every page of the list and return its items (up to ${controlArgument(spec, "maxItems")}) instead of one page.`,
    };
    properties[controlArgument(spec, "maxItems")] = {
      type: "integer",
      minimum: 1,
      maximum: RESULT_LIMITS.maxItems,
      default: RESULT_LIMITS.defaultMaxItems,
      description: `With ${controlArgument(spec, "allPages")}: stop after this many items.`,
    };
  }
  return { ...spec.inputSchema, type: "object", properties };
}

/**
 * The tool's structured result: the answer under `result`, a list's items under `items` (all pages),
 * an output filter's value under `filtered`, and a note when anything was trimmed. Only where the spec
 * declares a JSON object (or a list's items): the parts are loosened so a real answer conforms.
 */
export function outputSchemaOf(spec: ToolSpec): (JsonSchema & { type: "object" }) | undefined {
  if (!spec.resultSchema && !spec.pagination) return undefined;
  return {
    type: "object",
    properties: {
      result: spec.resultSchema ?? {},
      ...(spec.pagination
        ? { items: { type: "array", items: spec.pagination.itemSchema, description: "Every page's items." } }
        : {}),
      filtered: { description: "The output filter's value, when a filter was given." },
      note: { type: "string", description: "What was left out, and why." },
    },
  };
}

/** The MCP tool definition of one operation. */
export function toolDefinition(spec: ToolSpec, descriptor: OperationDescriptor): Tool {
  const readOnly = isReadOnly(spec);
  const outputSchema = outputSchemaOf(spec);
  return {
    name: spec.name,
    ...(spec.title ? { title: spec.title } : {}),
    description: spec.description,
    inputSchema: inputSchemaOf(spec) as Tool["inputSchema"],
    ...(outputSchema ? { outputSchema: outputSchema as Tool["outputSchema"] } : {}),
    annotations: {
      ...(spec.title ? { title: spec.title } : {}),
      readOnlyHint: readOnly,
      destructiveHint: DESTRUCTIVE_METHODS.has(spec.method),
      // Where the client would retry the call: the method's rule, or the spec's overrides.
      idempotentHint: isIdempotentCall(descriptor, undefined),
      openWorldHint: true,
    },
  };
}
