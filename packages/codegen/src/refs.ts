// Following the document's own references: every reader of the document goes through here.
import { pointerTarget } from "@ango-hub/openapi-reader";
import { SpecError } from "./spec-error.js";
import { plainText } from "./text.js";

/** A JSON object of the document, read without a schema. */
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function resolveRef(doc: Json, value: unknown, where: string): Json {
  let current = value;
  const seen = new Set<string>();
  while (isObject(current) && typeof current.$ref === "string") {
    const ref = current.$ref;
    if (!ref.startsWith("#/")) {
      throw new SpecError(
        `${where}: only local references are supported, found "${plainText(ref)}". Bundle the document first.`,
      );
    }
    if (seen.has(ref)) throw new SpecError(`${where}: circular reference "${plainText(ref)}".`);
    seen.add(ref);
    const target = pointerTarget(doc, ref);
    if (target === undefined)
      throw new SpecError(`${where}: reference "${plainText(ref)}" points at nothing.`);
    current = target;
  }
  if (!isObject(current)) throw new SpecError(`${where}: expected an object.`);
  return current;
}
