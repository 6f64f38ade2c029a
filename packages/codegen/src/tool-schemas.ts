// A document's schemas as an MCP client reads a tool's: JSON Schema with every local `$ref` inlined (a
// tool's schema must stand alone), within named limits, and only the keywords that describe a value.
// The document is untrusted: its text is cleaned, its regular expressions are told in the description,
// never compiled (a tool's arguments are checked against this schema by the server, and a pattern could
// take unbounded time),
// and a schema that would grow past the limits is cut to `{}` (any value) with a note.
import { pointerTarget } from "@ango-hub/openapi-reader";
import { isObject, type Json } from "./refs.js";
import { toolText } from "./text.js";

/** How far and how large a tool's schema may grow; past them the rest of a branch is `{}`. */
export const TOOL_SCHEMA_LIMITS = {
  /** Nested schemas (properties, items, members) below a tool's argument. */
  maxDepth: 8,
  /** Schemas written for one tool's input, or for its result. */
  maxNodes: 2_000,
  /** Characters of one description. */
  maxDescriptionChars: 600,
  /** Members of an enum (the characters they take count towards maxSchemaChars too). */
  maxEnumValues: 1_000,
  /**
   * Characters of one body's or result's schema as JSON. Every tool's schemas go to the model with each
   * tools/list: a list of Stripe's, its answer inlined eight levels deep, was 700 kB. A larger one is
   * written shallower, level by level, until it fits.
   */
  maxSchemaChars: 20_000,
} as const;

/**
 * Keywords whose value must be a number, copied when it is one: the server's validator (Ajv) refuses to
 * compile a tool's schema with any other, and then no call of the tool could be checked.
 */
const NUMBER_KEYWORDS = [
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "minProperties",
  "maxProperties",
] as const;

/** OpenAPI 3.0 marks a bound exclusive with a flag beside it; JSON Schema makes the bound the keyword's value. */
const EXCLUSIVE_BOUNDS = [
  ["minimum", "exclusiveMinimum"],
  ["maximum", "exclusiveMaximum"],
] as const;

const JSON_TYPES = new Set(["string", "number", "integer", "boolean", "array", "object", "null"]);

export interface ToolSchemaOptions {
  /**
   * For a result: constraints dropped, every property optional, extra properties allowed and `null`
   * accepted beside each type, so a trimmed or drifted answer still conforms (an MCP client checks it).
   */
  lenient?: boolean;
  /**
   * `readOnly` properties are left out of a request body's schema, `writeOnly` ones out of a result's; a
   * parameter's keeps both (those flags are about bodies: Jellyfin's version path parameter is an object
   * of read-only numbers, which left out would be an empty segment).
   */
  direction: "request" | "response" | "parameter";
}

/** How a note says a schema was loosened by a limit (a value it admits may still be refused). */
export const NOT_DESCRIBED = "(not described";

/**
 * How a description tells a pattern the schema does not check: the server runs no regular expression
 * from the document (one could take unbounded time), and a model can still follow the text.
 */
export const PATTERN_TOLD = "(must match the pattern";

/** How a request's description says its value must match exactly one of the `anyOf` members (a oneOf). */
export const ONE_OF_TOLD = "(must match exactly one of anyOf";

/** The notes above, as the generated tools module exports them (`schemaNotes`) for tests that sample a schema. */
export const SCHEMA_NOTES = {
  loosened: NOT_DESCRIBED,
  patternTold: PATTERN_TOLD,
  oneOfTold: ONE_OF_TOLD,
} as const;

/** What a branch past the limits becomes. */
const CUT = { description: `${NOT_DESCRIBED}: the schema is deeper or larger than a tool's may be)` };

/**
 * The formats a tool keeps: those the MCP SDK's validator (Ajv with ajv-formats) knows. It warns on
 * standard error about any other, once per schema; OpenAPI's formats are open-ended (`unix-time`).
 */
const KNOWN_FORMATS = new Set([
  "date",
  "time",
  "date-time",
  "iso-time",
  "iso-date-time",
  "duration",
  "uri",
  "uri-reference",
  "uri-template",
  "url",
  "email",
  "hostname",
  "ipv4",
  "ipv6",
  "regex",
  "uuid",
  "json-pointer",
  "json-pointer-uri-fragment",
  "relative-json-pointer",
  "int32",
  "int64",
  "float",
  "double",
  "password",
  "binary",
]);
// `byte` is left out: ajv-formats holds it to base64, where the mock (and OpenAPI) take any text.

/** Converts schemas of one document, counting nodes per tool (see `budget`). */
export class ToolSchemas {
  private nodes = 0;
  private maxDepth: number = TOOL_SCHEMA_LIMITS.maxDepth;
  /** Characters written so far (about: text and a few per keyword), and the most `fitted` allows. */
  private chars = 0;
  private maxChars = Number.POSITIVE_INFINITY;
  /** Whether the last conversion cut a branch for its depth (a deeper one would say more). */
  private cutByDepth = false;

  constructor(private readonly doc: Json) {}

  /** Starts a new tool's budget of TOOL_SCHEMA_LIMITS.maxNodes. */
  budget(): this {
    this.nodes = 0;
    return this;
  }

  /**
   * `convert` within TOOL_SCHEMA_LIMITS.maxSchemaChars, with a node budget of its own: whole when it
   * fits, else as many levels from the top as fit (below them, a branch is a described `{}`).
   */
  fitted(raw: unknown, options: ToolSchemaOptions): Json {
    const attempt = (depth: number) => {
      this.maxDepth = depth;
      this.chars = 0;
      this.cutByDepth = false;
      const schema = this.budget().convert(raw, options);
      const fits =
        this.chars <= TOOL_SCHEMA_LIMITS.maxSchemaChars &&
        JSON.stringify(schema).length <= TOOL_SCHEMA_LIMITS.maxSchemaChars;
      return fits ? schema : undefined;
    };
    // A conversion stops early once it has written past the limit, so a failed attempt costs little:
    // the whole depth first (most schemas fit), else level by level from the top while they fit.
    this.maxChars = TOOL_SCHEMA_LIMITS.maxSchemaChars;
    try {
      const whole = attempt(TOOL_SCHEMA_LIMITS.maxDepth);
      if (whole) return whole;
      let fitting: Json = { ...CUT };
      for (let depth = 0; depth < TOOL_SCHEMA_LIMITS.maxDepth; depth++) {
        const schema = attempt(depth);
        if (!schema) break;
        fitting = schema;
        if (!this.cutByDepth) break;
      }
      return fitting;
    } finally {
      this.maxDepth = TOOL_SCHEMA_LIMITS.maxDepth;
      this.maxChars = Number.POSITIVE_INFINITY;
    }
  }

  /** `leftOutAbove`: properties the schema this one is a member of (allOf, anyOf, oneOf) left out. */
  convert(
    raw: unknown,
    options: ToolSchemaOptions,
    depth = 0,
    refs: readonly string[] = [],
    leftOutAbove: ReadonlySet<string> = new Set(),
  ): Json {
    let schema = raw;
    const seen = [...refs];
    while (isObject(schema) && typeof schema.$ref === "string") {
      const ref = schema.$ref;
      // A reference into itself (a tree, a linked list) stops where it repeats: any value below.
      if (!ref.startsWith("#/") || seen.includes(ref)) return {};
      seen.push(ref);
      schema = pointerTarget(this.doc, ref);
    }
    if (schema === true || schema === undefined) return {};
    if (!isObject(schema)) return {};
    if (this.chars > this.maxChars) return {};
    if (depth > this.maxDepth || this.nodes >= TOOL_SCHEMA_LIMITS.maxNodes) {
      if (depth > this.maxDepth) this.cutByDepth = true;
      this.chars += CUT.description.length;
      return { ...CUT };
    }
    this.nodes++;
    const lenient = options.lenient === true;
    const out: Json = {};
    const below = (value: unknown) => this.convert(value, options, depth + 1, seen);

    let types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(
      (t): t is string => typeof t === "string" && JSON_TYPES.has(t),
    );
    if (types.length > 0 && (schema.nullable === true || lenient) && !types.includes("null"))
      types = [...types, "null"];
    if (types.length === 1) out.type = types[0];
    else if (types.length > 1) out.type = types;
    if (typeof schema.title === "string") out.title = toolText(schema.title, 100);
    if (typeof schema.description === "string")
      out.description = toolText(schema.description, TOOL_SCHEMA_LIMITS.maxDescriptionChars);
    if (schema.deprecated === true) out.deprecated = true;
    if (!lenient) {
      if (Array.isArray(schema.enum) && schema.enum.length > TOOL_SCHEMA_LIMITS.maxEnumValues)
        out.description =
          `${out.description ?? ""} ${NOT_DESCRIBED} in full: one of ${schema.enum.length} values, more than a tool lists)`.trim();
      else if (Array.isArray(schema.enum)) {
        // Scalars, each once; an enum left empty says nothing a validator can compile, so it goes.
        const values = [...new Set(schema.enum.filter((v) => v === null || typeof v !== "object"))];
        if (values.length > 0) out.enum = values;
      }
      if (schema.const !== undefined && (schema.const === null || typeof schema.const !== "object"))
        out.const = schema.const;
      if (typeof schema.pattern === "string")
        out.description =
          `${out.description ?? ""} ${PATTERN_TOLD} ${toolText(schema.pattern, 200)})`.trimStart();
      if (typeof schema.format === "string" && KNOWN_FORMATS.has(schema.format)) out.format = schema.format;
      for (const keyword of NUMBER_KEYWORDS) {
        const value = schema[keyword];
        if (typeof value === "number" && Number.isFinite(value)) out[keyword] = value;
      }
      if (typeof schema.multipleOf === "number" && schema.multipleOf > 0) out.multipleOf = schema.multipleOf;
      if (schema.uniqueItems === true) out.uniqueItems = true;
      for (const [bound, exclusive] of EXCLUSIVE_BOUNDS) {
        const flag = schema[exclusive];
        if (typeof flag === "number" && Number.isFinite(flag)) out[exclusive] = flag;
        else if (flag === true && typeof out[bound] === "number") {
          out[exclusive] = out[bound];
          delete out[bound];
        }
      }
    }
    if (schema.default !== undefined && JSON.stringify(schema.default).length <= 200)
      out.default = schema.default;

    const leftOut = new Set<string>();
    if (isObject(schema.properties)) {
      const skip = { request: "readOnly", response: "writeOnly", parameter: undefined }[options.direction];
      const properties: Json = {};
      // One the schema requires stays (Apideck's read-only `id`): the client's types and a strict server
      // ask for it as well.
      const requiredHere = Array.isArray(schema.required) ? schema.required : [];
      for (const [name, property] of Object.entries(schema.properties)) {
        const target = this.peek(property);
        if (skip && target?.[skip] === true && (lenient || !requiredHere.includes(name))) {
          leftOut.add(name);
          continue;
        }
        properties[name] = below(property);
      }
      out.properties = properties;
    }
    for (const name of leftOutAbove) leftOut.add(name);
    // Every name but those left out, declared here or not: a branch of an anyOf or allOf often requires
    // its parent's properties (GitHub's gist update: `anyOf: [{ required: [description] }, { required: [files] }]`).
    if (!lenient && Array.isArray(schema.required)) {
      const required = [
        ...new Set(schema.required.filter((name): name is string => typeof name === "string")),
      ].filter((name) => !leftOut.has(name));
      if (required.length > 0) out.required = required;
    }
    // Closed only where every property is listed: a server may still take one left out as read-only.
    if (schema.additionalProperties === false && !lenient && leftOut.size === 0)
      out.additionalProperties = false;
    else if (isObject(schema.additionalProperties))
      out.additionalProperties = below(schema.additionalProperties);
    if (schema.items !== undefined && !Array.isArray(schema.items)) out.items = below(schema.items);
    for (const keyword of ["allOf", "anyOf", "oneOf"] as const) {
      const members = schema[keyword];
      if (Array.isArray(members) && members.length > 0)
        out[keyword] = members.map((member) => this.convert(member, options, depth + 1, seen, leftOut));
    }
    // A oneOf becomes an anyOf: with patterns and read-only properties left out (and, in a result, every
    // constraint), two members may both match a value the document's own oneOf takes. A request's says
    // so, since the spec still takes a value of exactly one.
    if (Array.isArray(out.oneOf)) {
      out.anyOf = [...((out.anyOf as unknown[]) ?? []), ...(out.oneOf as unknown[])];
      delete out.oneOf;
      if (!lenient) out.description = `${out.description ?? ""} ${ONE_OF_TOLD})`.trimStart();
    }
    this.chars +=
      16 +
      String(out.description ?? "").length +
      String(out.title ?? "").length +
      String(out.enum ?? "").length;
    // 3.0's `nullable` beside no `type` (an allOf, a oneOf) admits null too.
    if (schema.nullable === true && types.length === 0 && Object.keys(out).length > 0)
      return { anyOf: [out, { type: "null" }] };
    return out;
  }

  /** The schema a value refers to (one level of `$ref`s), to read its flags. */
  private peek(value: unknown): Json | undefined {
    let schema = value;
    for (let hops = 0; hops < 20 && isObject(schema) && typeof schema.$ref === "string"; hops++)
      schema = schema.$ref.startsWith("#/") ? pointerTarget(this.doc, schema.$ref) : undefined;
    return isObject(schema) ? schema : undefined;
  }
}
