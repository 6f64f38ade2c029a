// Path templates whose literal text holds characters a URL path cannot carry as they are (`#`, `?`,
// spaces, non-ASCII): a client sends them percent-encoded, as it must, and a server's router decodes
// them. openapi-backend compares the path it is given with the template's text, so a request for such a
// template is given the template's own literal text, with its parameter values as they came.
import type { Json } from "./refs.js";

/**
 * Characters a template may hold that arrive the same on the wire and mean nothing in a regular
 * expression (openapi-backend matches templates as expressions: `(`, `+`, `*`, `$` would act there).
 */
const PLAIN = /^[A-Za-z0-9\-_~/{},;=:@!&'.]*$/;

/**
 * Regular-expression characters in a template's literal text: escaped in the routed copy of the document.
 * `.` too: unescaped, `{sha}.{format}` let the router's greedy first group take the dot and a letter.
 */
const REGEX_CHARS = /[().[\]+*?^$|\\]/g;

/**
 * The template as the router is given it: literal regular-expression characters escaped, so that the
 * template matches its own text (`/(ref/{ref}/)trigger` has parentheses, not a group; `{id}.{ext}` a dot).
 */
export function routedTemplate(template: string): string {
  return template
    .split(/(\{[^{}/]*\})/)
    .map((part, index) => (index % 2 === 1 ? part : routedLiteral(part).replace(REGEX_CHARS, "\\$&")))
    .join("");
}

/**
 * A template's literal text as the router compares it. The router cuts what it is given at the first `?`
 * (a query string), so a `?` the template writes (`/alerts?lat={lat}`) is given as its escape, in the
 * routed key and in the routed path alike.
 */
const routedLiteral = (text: string) => text.replaceAll("?", "%3F");

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** One character as a pattern: itself, or its UTF-8 percent-encoding in either case. */
function literalChar(char: string): string {
  const encoded = encodeURIComponent(char);
  if (encoded === char) return escapeRegex(char);
  const hex = encoded.replace(/%([0-9A-F]{2})/g, (_, byte: string) => `%(?:${byte}|${byte.toLowerCase()})`);
  return `(?:${escapeRegex(char)}|${hex})`;
}

export interface LiteralRoute {
  pattern: RegExp;
  template: string;
  /** The template split around its parameters: literal, parameter, literal, ... */
  parts: string[];
}

/** A route for each path of `document` whose literal text is not plain. */
export function literalRoutes(document: Json): LiteralRoute[] {
  const routes: LiteralRoute[] = [];
  for (const template of Object.keys((document.paths ?? {}) as Json)) {
    if (PLAIN.test(template)) continue;
    const parts = template.split(/(\{[^{}/]*\})/);
    const source = parts
      .map((part, index) => (index % 2 === 1 ? "([^/]+)" : [...part].map(literalChar).join("")))
      .join("");
    routes.push({ pattern: new RegExp(`^${source}$`), template, parts });
  }
  return routes;
}

/** The path as the routed template writes it, when it is one of `routes` sent encoded; else undefined. */
export function templatePath(routes: readonly LiteralRoute[], path: string): string | undefined {
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    let group = 1;
    return route.parts
      .map((part, index) => (index % 2 === 1 ? match[group++] : routedLiteral(part)))
      .join("");
  }
  return undefined;
}
