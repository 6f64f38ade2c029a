// The MCP server's view of each operation (packages/mcp/src/generated/tools.ts): the tool's name, text,
// input and result schemas, and where each argument goes. Data only, parsed from one JSON string
// literal: the server's code is written once, by hand, and reads this.
import type { JsonSchema, ToolParameter, ToolSpec } from "@ango-hub/mcp";
import { kebabCase } from "@ango-hub/openapi-reader";
import type { ApiModel, OperationModel } from "./model.js";
import { compareCodeUnits } from "./model.js";
import type { Json } from "./refs.js";
import { plainText, toolText } from "./text.js";
import { SCHEMA_NOTES, ToolSchemas } from "./tool-schemas.js";

/** MCP allows 128 characters; clients that prefix a server's name to each tool cap the whole at 64. */
export const MAX_TOOL_NAME_CHARS = 64;
/** A tool's description: an agent reads every tool's, so they are kept short. */
export const MAX_TOOL_DESCRIPTION_CHARS = 1_000;
/** The argument that carries the request body. */
const BODY_ARGUMENT = "body";
/** Characters MCP clients accept in a tool's or an argument's name. */
const NAME_CHARACTERS = /[^A-Za-z0-9_]+/g;

/** `name`, or `name_2`, `name_3`… the first not in `taken`, within `max` characters. */
function unique(name: string, taken: Set<string>, max: number): string {
  let candidate = name.slice(0, max);
  for (let n = 2; taken.has(candidate); n++) candidate = `${name.slice(0, max - `_${n}`.length)}_${n}`;
  taken.add(candidate);
  return candidate;
}

/** snake_case of a name, in the characters MCP clients accept; `fallback` when nothing is left. */
function snakeCase(name: string, fallback: string): string {
  return kebabCase(name).replaceAll("-", "_").replace(NAME_CHARACTERS, "_") || fallback;
}

function parametersOf(op: OperationModel): ToolParameter[] {
  const taken = new Set<string>([BODY_ARGUMENT]);
  const clashes = (name: string) => op.parameters.filter((p) => argumentName(p.name) === name).length > 1;
  return op.parameters.map((p) => {
    const base = argumentName(p.name) || p.in;
    const preferred = clashes(base) || base === BODY_ARGUMENT ? `${p.in}_${base}` : base;
    return { argument: unique(preferred, taken, MAX_TOOL_NAME_CHARS), name: p.name, in: p.in };
  });
}

/**
 * A path argument's schema as the client takes it: one URL segment, never empty or null (the client
 * refuses either before sending), so an enum that lists `""` (PeerTube's "no filter") offers it no more,
 * and a `nullable` one (Getty Images' board id) admits no null.
 */
function pathSegmentSchema(schema: Json): Json {
  const out = { ...schema };
  if (Array.isArray(out.enum)) {
    const values = out.enum.filter((value: unknown) => value !== "" && value !== null);
    if (values.length > 0) out.enum = values;
  }
  if (Array.isArray(out.type)) {
    const kinds = out.type.filter((kind: unknown) => kind !== "null");
    out.type = kinds.length === 1 ? kinds[0] : kinds;
  }
  const types = Array.isArray(out.type) ? out.type : [out.type];
  if (types.includes("string") && !(typeof out.minLength === "number" && out.minLength >= 1))
    out.minLength = 1;
  // An array or object serialises to nothing when empty.
  if (types.includes("array") && !(typeof out.minItems === "number" && out.minItems >= 1)) out.minItems = 1;
  if (types.includes("object") && !(typeof out.minProperties === "number" && out.minProperties >= 1))
    out.minProperties = 1;
  return out;
}

/** A parameter's name as an argument: its own where clients accept it, else its characters replaced. */
function argumentName(name: string): string {
  return name.replace(NAME_CHARACTERS, "_").replace(/^_+|_+$/g, "");
}

function toolOf(op: OperationModel, name: string, schemas: ToolSchemas): ToolSpec {
  const parameters = parametersOf(op);
  const properties: Json = {};
  const required: string[] = [];
  schemas.budget();
  op.parameters.forEach((p, index) => {
    const { argument } = parameters[index] as ToolParameter;
    const converted = schemas.convert(p.schema, { direction: "parameter" });
    const schema = p.in === "path" ? pathSegmentSchema(converted) : converted;
    if (p.description !== undefined && schema.description === undefined)
      schema.description = toolText(p.description, MAX_TOOL_DESCRIPTION_CHARS);
    properties[argument] = schema;
    if (p.required) required.push(argument);
  });
  const body = op.requestBody;
  if (body) {
    const schema =
      body.encoding === "binary" || body.encoding === "text"
        ? // No type: the document may give such a body any schema, and the client sends a string as it
          // is (another value as its String()), so the arguments are not held to one the spec never wrote.
          { description: `The body's text (${plainText(body.mediaType, 100)}).` }
        : schemas.fitted(body.schema, { direction: "request" });
    properties[BODY_ARGUMENT] = {
      ...schema,
      description: toolText(
        `${schema.description ?? "The request body"} (sent as ${body.mediaType}).`,
        MAX_TOOL_DESCRIPTION_CHARS,
      ),
    };
    if (body.required) required.push(BODY_ARGUMENT);
  }
  const inputSchema: JsonSchema = {
    type: "object",
    properties,
    ...(required.length > 0 ? { required } : {}),
  };
  // The result's schema has a budget of its own: a large input leaves the result described.
  const result =
    op.resultSchema !== undefined
      ? schemas.fitted(op.resultSchema, { direction: "response", lenient: true })
      : undefined;
  const isObjectSchema = (schema: Json | undefined) =>
    schema !== undefined &&
    (schema.type === "object" ||
      (Array.isArray(schema.type) && schema.type.includes("object")) ||
      schema.properties !== undefined);
  const itemSchema = op.pagination && result ? itemsSchemaAt(result, op.pagination.items) : undefined;
  const summary = op.summary === undefined ? undefined : toolText(op.summary, 200);
  const about = op.description ?? op.summary;
  return {
    name,
    operation: op.name,
    ...(summary ? { title: summary } : {}),
    description: toolText(
      `${about ? `${about}\n\n` : ""}${op.method.toUpperCase()} ${op.path}${op.deprecated ? " (deprecated)" : ""}`,
      MAX_TOOL_DESCRIPTION_CHARS,
    ),
    method: op.method.toUpperCase(),
    path: op.path,
    ...(op.deprecated ? { deprecated: true } : {}),
    parameters,
    ...(body ? { body: { required: body.required, encoding: body.encoding } } : {}),
    inputSchema,
    ...(isObjectSchema(result) ? { resultSchema: result } : {}),
    ...(op.pagination ? { pagination: { itemSchema: itemSchema ?? {} } } : {}),
  };
}

/** The schema of the items array at `path` in a (loosened) result schema, when it is written there. */
function itemsSchemaAt(schema: Json, path: readonly string[]): Json | undefined {
  let current: Json | undefined = schema;
  for (const name of path) {
    const properties = current?.properties as Json | undefined;
    current = properties?.[name] as Json | undefined;
  }
  return current?.items as Json | undefined;
}

/** Every operation as a tool, in name order; names settled in the operations' order. */
export function toolsOf(model: ApiModel, doc: Json): ToolSpec[] {
  const schemas = new ToolSchemas(doc);
  const taken = new Set<string>();
  const ordered = [...model.operations].sort((a, b) => compareCodeUnits(a.name, b.name));
  return ordered
    .map((op) => toolOf(op, unique(snakeCase(op.name, "operation"), taken, MAX_TOOL_NAME_CHARS), schemas))
    .sort((a, b) => compareCodeUnits(a.name, b.name));
}

/**
 * Markdown's characters that act inside a table cell (emphasis, code, links, HTML, the cell's end),
 * escaped so document text in the tool list stays text.
 */
const MARKDOWN_SPECIAL = /[\\`*_[\]<>|~]/g;

/**
 * The tool list as Markdown (packages/mcp/src/generated/TOOLS.md, linked from the package's README):
 * each tool's name, method and path, and title, as the spec this version was generated from gives them.
 */
export function emitToolList(model: ApiModel, doc: Json): string {
  const cell = (text: string) => toolText(text, 200).replace(/\s+/g, " ").replace(MARKDOWN_SPECIAL, "\\$&");
  const rows = toolsOf(model, doc).map(
    (tool) => `| ${cell(tool.name)} | ${cell(`${tool.method} ${tool.path}`)} | ${cell(tool.title ?? "")} |`,
  );
  return `<!-- Generated by @ango-hub/codegen from the spec in spec/. Do not edit: change the spec and run \`pnpm generate\`. -->

# The tools of ango-mcp

${rows.length} tool${rows.length === 1 ? "" : "s"}, one per operation of ${cell(model.title)} ${cell(model.version)}. \`ango-mcp --list-tools\` prints the same list.

| Tool | Method and path | Title |
| --- | --- | --- |
${rows.join("\n")}
`;
}

/**
 * The tools module: toolsOf(model), the API's title and version, and the notes the schemas carry where a
 * limit loosened them, as data (a test of the tools reads the notes here, not a copy of their words).
 */
export function emitTools(model: ApiModel, doc: Json, mcpDir = ".."): string {
  const api = { title: model.title, version: model.version };
  return `import type { ToolSpec } from ${JSON.stringify(`${mcpDir}/tool-spec.js`)};

/** The API's title and version, as the spec gives them. */
export const api: { title: string; version: string } = JSON.parse(${JSON.stringify(JSON.stringify(api))});

/** Every operation of the spec as a tool of the MCP server. */
export const tools: readonly ToolSpec[] = JSON.parse(${JSON.stringify(JSON.stringify(toolsOf(model, doc)))});

/**
 * How a description in the schemas above begins where a limit loosened the schema (it may admit values
 * the spec refuses), and where it tells a pattern the server does not check.
 */
export const schemaNotes = ${JSON.stringify(SCHEMA_NOTES)} as const;
`;
}
