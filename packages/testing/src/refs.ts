// The repository's one OpenAPI reader (@ango-hub/openapi-reader, bundled into this package's build):
// the mock reads references, operations, parameters and names as the codegen does. What this package
// exports of it is declared here, so the published types do not name the private package.
import { resolveLocalRef as followReferences } from "@ango-hub/openapi-reader";

export {
  HTTP_METHODS,
  isIgnoredParameter,
  keySchemeOf,
  operationNames,
  parametersOf,
} from "@ango-hub/openapi-reader";

/** A JSON object of an OpenAPI document, read without a schema. */
// biome-ignore lint/suspicious/noExplicitAny: walking an untyped OpenAPI document
export type Json = Record<string, any>;

/**
 * Follows local `$ref`s (`#/components/...`, `#/paths/...`, own keys only) in an OpenAPI document until a
 * value that is not a reference; undefined when one points at nothing (or at 20 references in a row).
 */
export function resolveLocalRef(document: unknown, value: unknown): Json | undefined {
  return followReferences(document, value);
}
