// What the codegen writes for each operation (src/generated/tools.ts) and the server reads: the tool's
// name, text and schemas, and where each argument goes in the request. The codegen (emit-tools.ts)
// writes them against these types; nothing here is written per operation.

/** A JSON Schema object, as a tool's `inputSchema` or `outputSchema` carries it. */
export type JsonSchema = { [keyword: string]: unknown };

/** An argument of a tool that is a parameter of the operation. */
export interface ToolParameter {
  /** The argument's name in the tool's input (the parameter's, unless two clash: then `<in>_<name>`). */
  argument: string;
  /** The parameter's name in the spec (what is sent). */
  name: string;
  in: "path" | "query" | "header" | "cookie";
}

export interface ToolSpec {
  /** The tool's name: snake_case of the operation's generated name, unique, at most 64 characters. */
  name: string;
  /** The operation's generated name: its descriptor's key and the client's function. */
  operation: string;
  /** The spec's summary, cleaned. */
  title?: string;
  /** The spec's description (else summary) and the method and path, cleaned. */
  description: string;
  method: string;
  path: string;
  deprecated?: boolean;
  parameters: ToolParameter[];
  /** The request body, taken from the `body` argument. */
  body?: { required: boolean; encoding: string };
  /** The tool's input: the parameters and `body` (the server adds its CONTROL_ARGUMENTS). */
  inputSchema: JsonSchema;
  /**
   * What a successful call answers, where the spec declares a JSON object: loosened so that any answer
   * of that shape conforms (every property optional, no constraints); the server's structured result
   * puts it under `result`.
   */
  resultSchema?: JsonSchema;
  /** Set for a list the page iterator can walk: the schema of one item, loosened the same way. */
  pagination?: { itemSchema: JsonSchema };
}

/**
 * Arguments the server adds to a tool besides the operation's own, by name. Where an operation already
 * has an argument of that name, the control argument takes a leading `_` (as often as needed).
 */
export const CONTROL_ARGUMENTS = {
  /** A JMESPath expression applied to the result before it is returned. */
  outputFilter: "output_filter",
  /** Lists only: follow every page through the page iterator. */
  allPages: "all_pages",
  /** Lists only, with all_pages: stop after this many items. */
  maxItems: "max_items",
} as const;
