// Calling an MCP tool with arguments sampled from its own input schema (the MCP server's tests and the
// census): when a limit loosened the schema, or a form body cannot be named fields, such arguments may be
// ones the spec refuses, and the mock is then right to refuse them. One rule for both.

/** What these rules read of a tool (ToolSpec of @ango-hub/mcp). */
export interface SampledTool {
  inputSchema: Record<string, unknown>;
  body?: { encoding?: string } | undefined;
}

/** The notes a tool's schema carries where it says less than the spec (`schemaNotes` of the generated tools). */
export interface SchemaNotes {
  loosened: string;
  patternTold: string;
  oneOfTold: string;
}

/** Why arguments the tool's input schema admits may be refused by the spec, or undefined when they cannot. */
export function unfaithfulInput(spec: SampledTool, notes: SchemaNotes): string | undefined {
  if (JSON.stringify(spec.inputSchema).includes(notes.loosened))
    return "a limit loosened the input schema: it admits values the spec refuses";
  // A form body (named fields) the document types as something else, e.g. PeerTube's array of tasks: no
  // request can carry it, and the client refuses before sending.
  const body = (spec.inputSchema.properties as Record<string, { type?: unknown }> | undefined)?.body;
  if (
    (spec.body?.encoding === "form" || spec.body?.encoding === "multipart") &&
    typeof body?.type === "string" &&
    body.type !== "object"
  )
    return "the document types this form body as other than named fields";
  return undefined;
}

/**
 * Whether the mock's refusal is one the tool's schema tells but does not check, broken by the sample: a
 * pattern, or a oneOf written as an anyOf (its note), where the sample matched more than one member.
 */
export function brokeWhatIsTold(spec: SampledTool, reason: string | undefined, notes: SchemaNotes): boolean {
  const schema = JSON.stringify(spec.inputSchema);
  return (
    (/must match pattern/.test(reason ?? "") && schema.includes(notes.patternTold)) ||
    (/must match exactly one schema in oneOf/.test(reason ?? "") && schema.includes(notes.oneOfTold))
  );
}
