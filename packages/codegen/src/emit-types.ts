import openapiTS, { astToString, NULL } from "openapi-typescript";
import ts from "typescript";
import type { ApiModel } from "./model.js";
import { jsDoc } from "./text.js";

/**
 * `paths`, `components` and `operations` from openapi-typescript, then one named alias per component
 * schema carrying the schema's description, so consumers write `Batch`, not `components["schemas"]["Batch"]`.
 */
export async function emitTypes(spec: object, model: ApiModel): Promise<string> {
  const nodes = await openapiTS(withMappingRefs(structuredClone(spec)) as Parameters<typeof openapiTS>[0], {
    // A `default` in the spec is what the server assumes when a field is absent, not a promise that
    // the field is always present: keep such fields optional, as the spec declares them.
    defaultNonNullable: false,
    // A free-form object (`type: object` without properties) holds anything, not nothing.
    emptyObjectsUnknown: true,
    silent: true,
    // Files travel as Blobs (File extends Blob) in multipart bodies and binary responses.
    transform(schema) {
      if (schema.type === "string" && schema.format === "binary") {
        const blob = ts.factory.createTypeReferenceNode("Blob");
        return schema.nullable ? ts.factory.createUnionTypeNode([blob, NULL]) : blob;
      }
      return undefined;
    },
  });
  const aliases = model.schemaAliases.map((alias) => {
    const doc = jsDoc([alias.description, alias.deprecated ? "@deprecated" : undefined]);
    return `${doc}export type ${alias.typeName} = components["schemas"][${JSON.stringify(alias.schemaName)}];`;
  });
  return `${astToString(nodes)}\n// Named aliases of every component schema.\n${aliases.join("\n")}\n`;
}

/**
 * A discriminator mapping may name a schema (`Cat`) instead of referencing it; openapi-typescript's
 * bundler only follows references, so names of existing component schemas become references first.
 */
function withMappingRefs(spec: object): object {
  const schemas = (spec as { components?: { schemas?: Record<string, unknown> } }).components?.schemas ?? {};
  const visit = (node: unknown): void => {
    if (typeof node !== "object" || node === null) return;
    const mapping = (node as { discriminator?: { mapping?: Record<string, string> } }).discriminator?.mapping;
    if (mapping) {
      for (const [value, target] of Object.entries(mapping)) {
        if (!target.includes("/") && Object.hasOwn(schemas, target))
          mapping[value] = `#/components/schemas/${target}`;
      }
    }
    for (const child of Object.values(node)) visit(child);
  };
  visit(spec);
  return spec;
}
