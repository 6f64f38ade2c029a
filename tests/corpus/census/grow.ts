// A public API description grown into a frozen copy of the seed, as the vendor's next document would be:
// the seed's servers, key scheme and operations kept, the document's paths, components and webhooks
// added beside them. Where a name is taken by the seed, the document's is renamed (and every reference to
// it follows), so both are kept whole. A 3.1 document stays 3.1: the seed's part is written as 3.1 too.
import { resolveLocalRef } from "@ango-hub/openapi-reader";
import { as31 } from "@ango-hub/test-support/openapi-31";
import type { Json } from "../test/support/corpus.js";

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** `#/components/<section>/<name>` escaped as a JSON pointer segment. */
const pointerSegment = (name: string) => name.replaceAll("~", "~0").replaceAll("/", "~1");

/** Rewrites every `$ref` and discriminator mapping of `value` through `rename` (old ref -> new ref). */
function rewriteRefs(value: unknown, rename: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, rename));
  if (typeof value !== "object" || value === null) return value;
  const out: Json = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === "$ref" && typeof item === "string") out[key] = renamedRef(item, rename);
    else if (key === "mapping" && typeof item === "object" && item !== null && !Array.isArray(item))
      out[key] = Object.fromEntries(
        Object.entries(item).map(([k, v]) => [k, typeof v === "string" ? renamedRef(v, rename) : v]),
      );
    else out[key] = rewriteRefs(item, rename);
  }
  return out;
}

function renamedRef(ref: string, rename: Map<string, string>): string {
  for (const [from, to] of rename)
    if (ref === from || ref.startsWith(`${from}/`)) return to + ref.slice(from.length);
  return ref;
}

/**
 * `document` grown into `seed` (neither is changed): the seed's servers, security and info kept, the
 * document's own security requirements dropped (Ango has one key for everything), every colliding path
 * or component renamed with the lowest free `_<n>` suffix.
 */
export function growIntoSeed(seed: Json, document: Json): Json {
  const is31 = typeof document.openapi === "string" && document.openapi.startsWith("3.1");
  const grown = is31 ? as31(seed) : structuredClone(seed);
  if (is31) grown.openapi = document.openapi;
  const rename = new Map<string, string>();
  const sections: Json = {};
  for (const [section, entries] of Object.entries((document.components ?? {}) as Json)) {
    if (section === "securitySchemes" || typeof entries !== "object" || entries === null) continue;
    const taken = new Set(Object.keys(grown.components?.[section] ?? {}));
    sections[section] = {};
    for (const name of Object.keys(entries)) {
      let free = name;
      for (let n = 2; taken.has(free); n++) free = `${name}_${n}`;
      taken.add(free);
      if (free !== name)
        rename.set(
          `#/components/${section}/${pointerSegment(name)}`,
          `#/components/${section}/${pointerSegment(free)}`,
        );
      sections[section][free] = (entries as Json)[name];
    }
  }
  const paths: Json = {};
  for (const [path, item] of Object.entries((document.paths ?? {}) as Json)) {
    let free = path;
    for (let n = 2; Object.hasOwn(grown.paths, free) || Object.hasOwn(paths, free); n++)
      free = `/grown-${n}${path}`;
    if (free !== path) rename.set(`#/paths/${pointerSegment(path)}`, `#/paths/${pointerSegment(free)}`);
    paths[free] = item;
  }
  const added = rewriteRefs({ paths, sections, webhooks: document.webhooks }, rename) as Json;
  // The seed's key goes in its own header: a parameter of the document by that name is the document's own
  // credential, which the grown document no longer has (as its security requirements).
  const keyHeader = Object.values((seed.components?.securitySchemes ?? {}) as Json)
    .find((scheme) => scheme?.type === "apiKey" && scheme.in === "header")
    ?.name?.toLowerCase();
  const notKeyHeader = (raw: unknown) => {
    const parameter = resolveLocalRef({ ...document, components: { ...added.sections } }, raw);
    return !(parameter?.in === "header" && String(parameter.name).toLowerCase() === keyHeader);
  };
  for (const item of Object.values(added.paths as Json)) {
    if (Array.isArray(item?.parameters)) item.parameters = item.parameters.filter(notKeyHeader);
    for (const method of HTTP_METHODS)
      if (item?.[method]) {
        delete item[method].security;
        if (Array.isArray(item[method].parameters))
          item[method].parameters = item[method].parameters.filter(notKeyHeader);
      }
  }
  Object.assign(grown.paths, added.paths);
  for (const [section, entries] of Object.entries(added.sections as Json))
    grown.components[section] = { ...grown.components[section], ...entries };
  if (added.webhooks !== undefined) grown.webhooks = added.webhooks;
  if (Array.isArray(document.tags)) grown.tags = [...(grown.tags ?? []), ...document.tags];
  return grown;
}
