// The repository's spec as the tests and tools read it: the vendor's document in spec/, JSON or YAML (whichever the
// vendor serves; see the codegen's repo.ts), parsed by the repository's one reader.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocumentText } from "@ango-hub/openapi-reader/document-text";

const specDir = dirname(fileURLToPath(import.meta.url));

/** The spec file's path: `ango-hub-v2.openapi.json` or `.yaml`, whichever spec/ holds. */
export function specDocumentPath(): string {
  const found = ["ango-hub-v2.openapi.json", "ango-hub-v2.openapi.yaml"]
    .map((name) => join(specDir, name))
    .filter((path) => existsSync(path));
  if (found.length !== 1) throw new Error(`spec/ must hold one spec document, found ${found.length}.`);
  return found[0] as string;
}

/** A fresh parse of the spec document. */
// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document read without a schema
export function specDocument(): Record<string, any> {
  const path = specDocumentPath();
  // biome-ignore lint/suspicious/noExplicitAny: as above
  return parseDocumentText(readFileSync(path, "utf8"), path) as Record<string, any>;
}
