import type { Json } from "./refs.js";
import { resolveLocalRef } from "./refs.js";

/**
 * The field names `schema` describes: its own `properties` and those of each `allOf` member (local
 * references followed), and of the `anyOf`/`oneOf` branches: those `some` branch describes, or, with
 * `every`, only those every branch describes, which a value made from any one branch carries (a
 * generator that takes one branch makes no field only another describes: gerermesaffaires' bank
 * statement requires `Title` of one branch and `DocumentId` of the other). Each schema is read once
 * on a path, so it ends.
 */
export function describedNames(
  document: Json,
  schema: unknown,
  branches: "some" | "every" = "some",
  seen = new Set<object>(),
): Set<string> {
  const names = new Set<string>();
  const resolved = resolveLocalRef(document, schema as Json);
  if (typeof resolved !== "object" || resolved === null || seen.has(resolved)) return names;
  seen.add(resolved);
  if (typeof resolved.properties === "object" && resolved.properties !== null)
    for (const name of Object.keys(resolved.properties)) names.add(name);
  if (Array.isArray(resolved.allOf))
    for (const member of resolved.allOf as unknown[])
      for (const name of describedNames(document, member, branches, seen)) names.add(name);
  for (const key of ["anyOf", "oneOf"]) {
    const members = resolved[key];
    if (!Array.isArray(members) || members.length === 0) continue;
    // `every` reads each branch on its own path: a schema two branches share counts for both.
    const described = (members as unknown[]).map((branch) =>
      describedNames(document, branch, branches, branches === "every" ? new Set(seen) : seen),
    );
    const [first, ...others] = described;
    if (branches === "some") for (const set of described) for (const name of set) names.add(name);
    else for (const name of first ?? []) if (others.every((other) => other.has(name))) names.add(name);
  }
  return names;
}
