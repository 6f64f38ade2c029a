import type { Json } from "./mock.js";

/**
 * Follows local `$ref`s (`#/components/...`, `#/paths/...`) in an OpenAPI document until a value that is
 * not a reference; undefined when one points at nothing.
 */
export function resolveLocalRef(document: Json, value: Json | undefined): Json | undefined {
  let current = value;
  for (let depth = 0; typeof current?.$ref === "string" && depth < 20; depth++) {
    current = (current.$ref as string)
      .slice(2)
      .split("/")
      .reduce(
        (node: Json | undefined, key: string) => node?.[key.replaceAll("~1", "/").replaceAll("~0", "~")],
        document,
      );
  }
  return current;
}

/** OpenAPI: header parameters named Accept, Content-Type or Authorization "SHALL be ignored". */
export const IGNORED_HEADERS = /^(accept|content-type|authorization)$/i;

/** The HTTP methods a path item can hold operations for. */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** An operation's parameters, its path item's first, references resolved. */
export function parametersOf(document: Json, pathItem: Json | undefined, operation: Json): Json[] {
  return [...(pathItem?.parameters ?? []), ...(operation.parameters ?? [])].map(
    (p: Json) => resolveLocalRef(document, p) ?? {},
  );
}
