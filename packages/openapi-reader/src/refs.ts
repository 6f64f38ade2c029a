/** A JSON object of an OpenAPI document, read without a schema. */
// biome-ignore lint/suspicious/noExplicitAny: walking an untyped OpenAPI document
export type Json = Record<string, any>;

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A `$ref`'s fragment is a URI fragment: percent-escapes (`%7Bid%7D`) stand for their characters. */
function uriDecoded(fragment: string): string {
  if (!fragment.includes("%")) return fragment;
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/**
 * What a local JSON pointer (`#/components/schemas/Batch`) points at in `document`, or undefined. The
 * fragment is read as RFC 6901 says: percent-escapes decoded, then `~1` and `~0`; array items by index.
 * Only own keys are followed, so a pointer through `__proto__` or `constructor` finds nothing.
 */
export function pointerTarget(document: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  let target: unknown = document;
  for (const raw of uriDecoded(ref.slice(2)).split("/")) {
    const segment = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (Array.isArray(target)) target = /^(0|[1-9]\d*)$/.test(segment) ? target[Number(segment)] : undefined;
    else target = isObject(target) && Object.hasOwn(target, segment) ? target[segment] : undefined;
  }
  return target;
}

/** How many references in a row resolveLocalRef follows before it gives up (a cycle of pure references). */
export const MAX_REFERENCE_CHAIN = 20;

/**
 * Follows local `$ref`s (`#/components/...`, `#/paths/...`) until a value that is not a reference;
 * undefined when one points at nothing or the chain is longer than MAX_REFERENCE_CHAIN.
 */
export function resolveLocalRef(document: unknown, value: unknown): Json | undefined {
  let current = value;
  for (let depth = 0; isObject(current) && typeof current.$ref === "string"; depth++) {
    if (depth === MAX_REFERENCE_CHAIN) return undefined;
    current = pointerTarget(document, current.$ref);
  }
  return isObject(current) ? current : undefined;
}
