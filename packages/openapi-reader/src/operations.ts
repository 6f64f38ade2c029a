import { type Json, resolveLocalRef } from "./refs.js";

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/** The HTTP methods a path item can hold operations for, in OpenAPI's order. */
export const HTTP_METHODS: readonly HttpMethod[] = [
  "get",
  "put",
  "post",
  "delete",
  "options",
  "head",
  "patch",
  "trace",
];

/** Headers fetch writes itself from the request and refuses from a caller (hop-by-hop ones too). */
const FETCH_OWNED = [
  "content-length",
  "host",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "expect",
];
/**
 * Header parameters left out: those OpenAPI says "SHALL be ignored" (Accept, Content-Type,
 * Authorization), and those fetch writes itself from the request and refuses from a caller (Content-Length,
 * Host, Connection and the other hop-by-hop headers): a parameter for one could never be sent as written
 * (undici fails the request with a length mismatch), and a server reads what fetch sent.
 */
export const IGNORED_HEADERS = new RegExp(
  `^(${["accept", "content-type", "authorization", ...FETCH_OWNED].join("|")})$`,
  "i",
);

/** The IGNORED_HEADERS no client can send (fetch writes them): a judge that requires one is not ours to satisfy. */
export const FETCH_OWNED_HEADERS = new RegExp(`^(${FETCH_OWNED.join("|")})$`, "i");

/** Whether a (resolved) parameter is one to leave out (IGNORED_HEADERS). */
export function isIgnoredParameter(parameter: Json | undefined): boolean {
  return parameter?.in === "header" && IGNORED_HEADERS.test(String(parameter.name));
}

/**
 * An operation's parameters, its path item's first, references resolved, ignored headers left out. An
 * operation's parameter overrides its path item's of the same name and location (OpenAPI: "can be
 * overridden at the operation level, but cannot be removed there").
 */
export function parametersOf(document: unknown, pathItem: Json | undefined, operation: Json): Json[] {
  const resolve = (p: unknown): Json => resolveLocalRef(document, p) ?? {};
  const own = ((operation.parameters ?? []) as unknown[]).map(resolve);
  const shared = ((pathItem?.parameters ?? []) as unknown[])
    .map(resolve)
    .filter((p) => !own.some((o) => o.name === p.name && o.in === p.in));
  return [...shared, ...own].filter((p) => !isIgnoredParameter(p));
}

/** A media type or range as RFC 9110 writes one: `type/subtype`, parameters after a `;`. */
const MEDIA_TYPE = /^[^\s/;]+\/[^\s/;]+\s*(;.*)?$/;

/** Whether a content key is a media type (`application/json`), not a bare word (`access`). */
export function isMediaType(contentType: string): boolean {
  return MEDIA_TYPE.test(contentType);
}

const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json(?:;|$)|^\*\/\*$/i;

/** `application/json`, any `+json` type, or `*\/*` (which JSON satisfies). */
export function isJsonMediaType(contentType: string): boolean {
  return JSON_MEDIA.test(contentType);
}
