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

/**
 * The field names `schema` describes whichever branch of an `anyOf`/`oneOf` a value takes: its own
 * `properties`, those of each `allOf` member, and those every branch of an `anyOf`/`oneOf` describes. A
 * generator that takes one branch makes no field only another branch describes (gerermesaffaires' bank
 * statement requires `Title` of one branch and `DocumentId` of the other).
 */
export function surelyDescribedNames(document: Json, schema: unknown, seen = new Set<object>()): Set<string> {
  const names = new Set<string>();
  const resolved = resolveLocalRef(document, schema as Json);
  if (typeof resolved !== "object" || resolved === null || seen.has(resolved)) return names;
  seen.add(resolved);
  if (typeof resolved.properties === "object" && resolved.properties !== null)
    for (const name of Object.keys(resolved.properties)) names.add(name);
  if (Array.isArray(resolved.allOf))
    for (const member of resolved.allOf as unknown[])
      for (const name of surelyDescribedNames(document, member, seen)) names.add(name);
  for (const key of ["anyOf", "oneOf"]) {
    const branches = resolved[key];
    if (!Array.isArray(branches) || branches.length === 0) continue;
    const [first, ...others] = (branches as unknown[]).map((branch) =>
      surelyDescribedNames(document, branch, new Set(seen)),
    );
    for (const name of first ?? []) if (others.every((other) => other.has(name))) names.add(name);
  }
  return names;
}
