import openapiTS, { astToString } from "openapi-typescript";
import type { ApiModel } from "./model.js";
import { jsDoc } from "./text.js";

/**
 * `paths`, `components` and `operations` from openapi-typescript, then one named alias per component
 * schema carrying the schema's description, so consumers write `Batch`, not `components["schemas"]["Batch"]`.
 */
export async function emitTypes(spec: object, model: ApiModel): Promise<string> {
  const nodes = await openapiTS(structuredClone(spec) as Parameters<typeof openapiTS>[0], {
    // A `default` in the spec is what the server assumes when a field is absent, not a promise that
    // the field is always present: keep such fields optional, as the spec declares them.
    defaultNonNullable: false,
    silent: true,
  });
  const aliases = model.schemaAliases.map((alias) => {
    const doc = jsDoc([alias.description, alias.deprecated ? "@deprecated" : undefined]);
    return `${doc}export type ${alias.typeName} = components["schemas"][${JSON.stringify(alias.schemaName)}];`;
  });
  return `${astToString(nodes)}\n// Named aliases of every component schema.\n${aliases.join("\n")}\n`;
}
