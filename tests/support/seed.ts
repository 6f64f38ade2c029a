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

/** How an operation is sent: its method and path template. */
export interface OperationRoute {
  method: string;
  path: string;
}

/** A document's operations by operationId, each with its method and path. */
// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document read without a schema
export function routesOf(document: Record<string, any>): Map<string, OperationRoute> {
  const routes = new Map<string, OperationRoute>();
  for (const [path, item] of Object.entries(document.paths ?? {}))
    for (const [method, operation] of Object.entries(item as Record<string, { operationId?: unknown }>))
      if (typeof operation?.operationId === "string")
        routes.set(operation.operationId, { method: method.toUpperCase(), path });
  return routes;
}

/** The seed's operations by operationId (its generated name), each with its method and path. */
export function seedRoutes(): Map<string, OperationRoute> {
  return routesOf(seedDocument());
}

/**
 * Whether the spec's operation `name` (in `operations`, the generated list's descriptors or the CLI's
 * commands) is the seed's: the same name, method and path. The README examples and the demo are written
 * for the seed's operation; they run while the spec has it, and otherwise their tests skip saying so.
 */
export function isSeedOperation(
  name: string,
  operations: Record<string, OperationRoute | undefined>,
): boolean {
  const seed = seedRoutes().get(name);
  const spec = Object.hasOwn(operations, name) ? operations[name] : undefined;
  return seed !== undefined && spec?.method.toUpperCase() === seed.method && spec.path === seed.path;
}
