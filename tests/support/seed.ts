// The seed document, frozen: tests that grow or diff "the vendor's document" start from this copy, so the
// vendor's next document (which replaces spec/) changes nothing they check.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Where the frozen seed document is. */
export const seedPath = fileURLToPath(new URL("./seed.openapi.json", import.meta.url));

/** A fresh parse of the frozen seed document. */
// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document read without a schema
export function seedDocument(): Record<string, any> {
  return JSON.parse(readFileSync(seedPath, "utf8"));
}

/** Where the seed's frozen overrides are (what its document cannot say: idempotency, the mock's handlers). */
export const seedOverridesPath = fileURLToPath(new URL("./seed.overrides.json", import.meta.url));
