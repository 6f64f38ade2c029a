// The vendor's document is untrusted input: these checks run before any tool reads it, so that nothing
// outside the document is ever read, and every limit is named with the place that broke it.
import { createReadStream } from "node:fs";
import { pointerTarget } from "@ango-hub/openapi-reader";
import { DocumentTextError, parseDocumentText } from "@ango-hub/openapi-reader/document-text";
import { SpecError } from "./spec-error.js";
import { plainText } from "./text.js";

/** Every limit the codegen puts on a document. An update beyond one is refused and changes nothing. */
export const DOCUMENT_LIMITS = {
  /** The document's JSON text. GitHub's REST description, among the largest public ones, is 5.7 MB. */
  maxDocumentBytes: 16 * 1024 * 1024,
  /** Objects and arrays inside one another (GitHub's description: 17 levels; Stripe's: 24). */
  maxNestingDepth: 100,
  /** Operations in one document (GitHub's has 845). */
  maxOperations: 5_000,
} as const;

/** A JSON pointer into the document, shown for people (escaped, shortened). */
export function pointerText(segments: readonly (string | number)[]): string {
  const pointer = `#/${segments.map((s) => String(s).replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}`;
  return plainText(pointer, 300);
}

/** OpenAPI 3.0: "All the fixed fields declared above are objects that MUST use keys that match". */
const COMPONENT_KEY = /^[a-zA-Z0-9.\-_]+$/;

const SIZE_LIMIT_NAME = "(DOCUMENT_LIMITS.maxDocumentBytes in packages/codegen/src/document-checks.ts)";

/** Refuses document text over the size limit before it is parsed. */
export function checkDocumentSize(byteLength: number, label: string): void {
  if (byteLength > DOCUMENT_LIMITS.maxDocumentBytes)
    throw new SpecError(
      `${label} is ${byteLength} bytes, over the limit of ${DOCUMENT_LIMITS.maxDocumentBytes} ${SIZE_LIMIT_NAME}.`,
    );
}

/**
 * A document file's text, read no further than one byte past the size limit: a larger file (or a device
 * or pipe that never ends) is refused without being read whole.
 */
export async function readDocumentFile(path: string, label: string): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  // `end` is inclusive: limit + 1 bytes at most.
  for await (const chunk of createReadStream(path, { end: DOCUMENT_LIMITS.maxDocumentBytes })) {
    chunks.push(chunk as Buffer);
    length += (chunk as Buffer).length;
  }
  if (length > DOCUMENT_LIMITS.maxDocumentBytes)
    throw new SpecError(
      `${label} is larger than ${DOCUMENT_LIMITS.maxDocumentBytes} bytes, the limit ${SIZE_LIMIT_NAME}.`,
    );
  return Buffer.concat(chunks, length).toString("utf8");
}

/**
 * A document's text (JSON or YAML, as the vendor serves it) as its value, within the text limits
 * (DOCUMENT_TEXT_LIMITS of @ango-hub/openapi-reader: a YAML alias bomb is refused by name).
 */
export function readDocumentText(text: string, label: string): unknown {
  try {
    return parseDocumentText(text, label);
  } catch (error) {
    if (error instanceof DocumentTextError) throw new SpecError(plainText(error.message, 500));
    throw error;
  }
}

function isLocalRef(ref: string): boolean {
  return ref === "#" || ref.startsWith("#/");
}

/**
 * Walks the whole document once, without recursion, and refuses: nesting deeper than the limit, any
 * `$ref` (anywhere, even in examples: resolvers follow those too), discriminator mapping or link
 * `operationRef` that leaves the document, component keys OpenAPI does not allow, and a reference to
 * something whose `type` names no JSON type (a reference may point anywhere in the document, even into a
 * keyword OpenAPI does not define, where no validator of the document looks).
 */
export function checkDocument(doc: Record<string, unknown>): void {
  const localRefs = new Map<string, (string | number)[]>();
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: doc, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: (string | number)[] };
    if (typeof value !== "object" || value === null) continue;
    if (path.length >= DOCUMENT_LIMITS.maxNestingDepth) {
      throw new SpecError(
        `${pointerText(path.slice(0, 12))}/…: nested deeper than ${DOCUMENT_LIMITS.maxNestingDepth} levels (DOCUMENT_LIMITS.maxNestingDepth). Flatten the schema with $ref to named components.`,
      );
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        stack.push({ value: item, path: [...path, index] });
      });
      continue;
    }
    const record = value as Record<string, unknown>;
    const ref = record.$ref;
    if (typeof ref === "string" && !isLocalRef(ref)) {
      throw new SpecError(
        `${pointerText(path)}: only references inside the document are followed, found "${plainText(ref)}". Nothing outside the document is read: bundle it into one file first.`,
      );
    }
    if (typeof ref === "string" && !localRefs.has(ref)) localRefs.set(ref, path);
    const operationRef = record.operationRef;
    if (path.at(-2) === "links" && typeof operationRef === "string" && !isLocalRef(operationRef)) {
      throw new SpecError(
        `${pointerText(path)}: operationRef "${plainText(operationRef)}" leaves the document.`,
      );
    }
    if (path.at(-1) === "mapping" && path.at(-2) === "discriminator") {
      for (const [name, target] of Object.entries(record)) {
        if (typeof target === "string" && !isLocalRef(target) && !COMPONENT_KEY.test(target)) {
          throw new SpecError(
            `${pointerText([...path, name])}: discriminator mapping "${plainText(target)}" is neither a schema name nor a reference inside the document.`,
          );
        }
      }
    }
    if (path.length === 2 && path[0] === "components") {
      for (const key of Object.keys(record)) {
        if (!COMPONENT_KEY.test(key)) {
          throw new SpecError(
            `${pointerText(path)}: the key "${plainText(key)}" is not allowed; OpenAPI component keys match ^[a-zA-Z0-9.\\-_]+$.`,
          );
        }
      }
    }
    for (const [key, child] of Object.entries(record)) stack.push({ value: child, path: [...path, key] });
  }
  for (const [ref, path] of localRefs) checkReferencedType(doc, ref, path);
}

const isTypeName = (value: unknown) => typeof value === "string";

/** A referenced object with a `type` keyword must name JSON types with it, as a schema does. */
function checkReferencedType(doc: Record<string, unknown>, ref: string, path: (string | number)[]): void {
  const target = pointerTarget(doc, ref);
  if (typeof target !== "object" || target === null || !("type" in target)) return;
  const type = (target as { type: unknown }).type;
  if (isTypeName(type) || (Array.isArray(type) && type.every(isTypeName))) return;
  throw new SpecError(
    `${pointerText(path)}: the reference "${plainText(ref)}" points at no schema: its "type" is ${plainText(JSON.stringify(type), 80)}, where a schema names a JSON type ("string", "object", ...). Point the reference at a schema.`,
  );
}

/**
 * Keys openapi-typescript 7 cannot read: its resolver (Redocly's) looks each key up in a plain object of
 * known fields, so a key named like an `Object.prototype` member is taken for a field type. Listed where
 * they occur, so its failure can be reported with the places (see emit-types.ts).
 */
export function prototypeNamedKeys(doc: unknown): string[] {
  const names = new Set(Object.getOwnPropertyNames(Object.prototype));
  const found: string[] = [];
  const stack: { value: unknown; path: string[] }[] = [{ value: doc, path: [] }];
  while (stack.length > 0 && found.length < 10) {
    const { value, path } = stack.pop() as { value: unknown; path: string[] };
    if (typeof value !== "object" || value === null) continue;
    for (const [key, child] of Object.entries(value)) {
      if (names.has(key)) found.push(pointerText([...path, key]));
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return found;
}
