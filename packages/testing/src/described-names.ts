import type { Json } from "./refs.js";
import { resolveLocalRef } from "./refs.js";

/**
 * The field names `schema` describes: its own `properties` and, through `allOf`/`anyOf`/`oneOf` (local
 * references followed), those of the schemas it composes. Each schema is read once, so it ends.
 */
export function describedNames(
  document: Json,
  schema: unknown,
  names = new Set<string>(),
  seen = new Set<object>(),
) {
  const resolved = resolveLocalRef(document, schema as Json);
  if (typeof resolved !== "object" || resolved === null || seen.has(resolved)) return names;
  seen.add(resolved);
  if (typeof resolved.properties === "object" && resolved.properties !== null)
    for (const name of Object.keys(resolved.properties)) names.add(name);
  for (const key of ["allOf", "anyOf", "oneOf"])
    if (Array.isArray(resolved[key]))
      for (const branch of resolved[key] as unknown[]) describedNames(document, branch, names, seen);
  return names;
}
