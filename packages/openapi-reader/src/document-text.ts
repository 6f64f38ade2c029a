// A document's text read as the vendor serves it: JSON or YAML, the same value either way. YAML is read as
// YAML 1.2's core schema (no custom tags, no merge keys, duplicate keys refused), and the value it gives
// must be one JSON can hold; a document of many aliases (billion laughs) is refused by its named limit.
import { parseDocument } from "yaml";

/** Limits on reading a document's text; a document past one is refused, naming it. */
export const DOCUMENT_TEXT_LIMITS = {
  /**
   * Alias nodes a YAML document may expand (the `yaml` library's maxAliasCount): enough for documents
   * that reuse a few anchors, far from what an exponential expansion needs.
   */
  maxYamlAliases: 100,
} as const;

/** The formats a document can come in. */
export type DocumentFormat = "json" | "yaml";

/** Why a document's text could not be read: the message names the line or the limit. */
export class DocumentTextError extends Error {
  override name = "DocumentTextError";
}

/** JSON when the text starts (after whitespace) with `{`, as every JSON OpenAPI document does; else YAML. */
export function documentFormat(text: string): DocumentFormat {
  return /^\s*\{/.test(text) ? "json" : "yaml";
}

/** `text` (JSON or YAML, see documentFormat) as a JSON value, or a DocumentTextError saying why not. */
export function parseDocumentText(text: string, label = "The document"): unknown {
  if (documentFormat(text) === "json") {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new DocumentTextError(`${label} is not valid JSON: ${(error as Error).message}.`);
    }
  }
  const document = parseDocument(text, {
    version: "1.2",
    schema: "core",
    merge: false,
    uniqueKeys: true,
    prettyErrors: true,
    strict: true,
  });
  const problem = document.errors[0] ?? document.warnings[0];
  if (problem) {
    const line = problem.linePos?.[0];
    throw new DocumentTextError(
      `${label} is not valid YAML${line ? ` (line ${line.line}, column ${line.col})` : ""}: ${problem.message.split("\n")[0]}`,
    );
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: DOCUMENT_TEXT_LIMITS.maxYamlAliases });
  } catch (error) {
    throw new DocumentTextError(
      `${label} expands more aliases than DOCUMENT_TEXT_LIMITS.maxYamlAliases (${DOCUMENT_TEXT_LIMITS.maxYamlAliases}) allows: ${(error as Error).message}`,
    );
  }
  checkJsonValue(value, label);
  return value;
}

/** Refuses what YAML can say and JSON cannot: non-finite numbers, maps as keys, binary and other types. */
function checkJsonValue(root: unknown, label: string): void {
  const stack: { value: unknown; path: string }[] = [{ value: root, path: "" }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: string };
    const where = path || "/";
    if (value === null || typeof value === "string" || typeof value === "boolean") continue;
    if (typeof value === "number") {
      if (!Number.isFinite(value))
        throw new DocumentTextError(`${label}: ${where} is ${value}, which JSON cannot hold.`);
      continue;
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        stack.push({ value: item, path: `${path}/${index}` });
      });
      continue;
    }
    if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
      for (const [key, item] of Object.entries(value))
        stack.push({ value: item, path: `${path}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}` });
      continue;
    }
    throw new DocumentTextError(`${label}: ${where} is a YAML value JSON cannot hold (${typeof value}).`);
  }
}
