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
