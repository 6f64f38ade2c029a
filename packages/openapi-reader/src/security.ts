// Which security scheme carries the client's one key, and how: read once, for the codegen (the client's
// key header) and the mock (where it looks for the key).
import { isObject, type Json, resolveLocalRef } from "./refs.js";

/** Where the client sends its key: a request header, and the text that goes before the key there. */
export interface KeyScheme {
  /** The scheme's name in `components.securitySchemes`. */
  schemeName: string;
  /** The header's name, as the document writes it. */
  header: string;
  /** `"Bearer "` for an http bearer scheme; empty for an apiKey header. */
  prefix: string;
}

/** A scheme of the global `security` that cannot carry the key, and why (in words for a message). */
export interface UnusableScheme {
  schemeName: string;
  problem: string;
}

/**
 * The scheme as a KeyScheme, or why it cannot be one. The client sends one key, in a request header: an
 * `apiKey` scheme in a header, or an http `bearer` scheme (`Authorization: Bearer <key>`). A key in the
 * query string would be kept by server and proxy logs; a cookie cannot be set by a script in a browser.
 */
function asKeyScheme(schemeName: string, scheme: Json | undefined): KeyScheme | UnusableScheme {
  const unusable = (problem: string) => ({ schemeName, problem });
  if (scheme === undefined) return unusable("is not defined in components.securitySchemes");
  if (scheme.type === "http") {
    const name = String(scheme.scheme);
    return name.toLowerCase() === "bearer"
      ? { schemeName, header: "Authorization", prefix: "Bearer " }
      : unusable(`is http "${name}"; the client sends its key as an apiKey header or a bearer token`);
  }
  if (scheme.type !== "apiKey") return unusable(`is of type "${String(scheme.type)}", not an API key`);
  if (typeof scheme.name !== "string" || scheme.name === "")
    return unusable('is an apiKey scheme without a "name"');
  if (scheme.in === "query")
    return unusable(
      "puts the key in the query string, where server and proxy logs keep it; the client sends its key in a header only",
    );
  if (scheme.in === "cookie")
    return unusable(
      "puts the key in a cookie, which browsers do not let a script set; the client sends its key in a header only",
    );
  if (scheme.in !== "header") return unusable('is an apiKey scheme whose "in" is not "header"');
  return { schemeName, header: scheme.name, prefix: "" };
}

/** Each scheme name the global `security` requires, in order, with its definition (undefined when none). */
function* requiredSchemes(document: Json): Generator<[name: string, scheme: Json | undefined]> {
  const schemes =
    isObject(document.components) && isObject(document.components.securitySchemes)
      ? document.components.securitySchemes
      : {};
  for (const requirement of Array.isArray(document.security) ? document.security : [])
    for (const name of isObject(requirement) ? Object.keys(requirement) : [])
      yield [name, Object.hasOwn(schemes, name) ? resolveLocalRef(document, schemes[name]) : undefined];
}

/** The scheme names the global `security` requires that `components.securitySchemes` does not define. */
export function undefinedSchemeNames(document: Json): string[] {
  return [...requiredSchemes(document)].filter(([, scheme]) => scheme === undefined).map(([name]) => name);
}

/**
 * The first scheme of the document's global `security` that can carry the key; when none can, each
 * scheme it names with why not (none at all when it requires no security).
 */
export function keySchemeOf(document: Json): KeyScheme | { unusable: UnusableScheme[] } {
  const unusable: UnusableScheme[] = [];
  for (const [schemeName, scheme] of requiredSchemes(document)) {
    const read = asKeyScheme(schemeName, scheme);
    if ("header" in read) return read;
    unusable.push(read);
  }
  return { unusable };
}
