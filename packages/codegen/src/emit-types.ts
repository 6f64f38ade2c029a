import openapiTS, { astToString, NULL, type OpenAPITSOptions } from "openapi-typescript";
import ts from "typescript";
import { prototypeNamedKeys } from "./document-checks.js";
import { type ApiModel, SpecError } from "./model.js";
import { escapeCommentTags, jsDoc, withoutTags } from "./text.js";

const OPENAPI_TS_OPTIONS: OpenAPITSOptions = {
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
};

/** The JSDoc tags openapi-typescript writes itself (addJSDocComment); any other `@` is document text. */
const OPENAPI_TYPESCRIPT_TAGS = ["description", "default", "example", "deprecated", "constant", "enum"];

/**
 * `paths`, `components` and `operations` from openapi-typescript, then one named alias per component
 * schema carrying the schema's description, so consumers write `Batch`, not `components["schemas"]["Batch"]`.
 */
export async function emitTypes(spec: object, model: ApiModel): Promise<string> {
  const input = forOpenapiTypescript(spec);
  const nodes = await openapiTS(input as Parameters<typeof openapiTS>[0], OPENAPI_TS_OPTIONS).catch(
    (error: unknown) => {
      const places = prototypeNamedKeys(spec);
      throw new SpecError(
        `openapi-typescript could not read the document (${error instanceof Error ? error.message || error.name : String(error)}).${
          places.length > 0
            ? ` Its resolver cannot read keys named like Object.prototype members; the document has them at ${places.join(", ")}.`
            : ""
        }`,
      );
    },
  );
  const aliases = model.schemaAliases.map((alias) => {
    const doc = jsDoc([alias.description], { deprecated: alias.deprecated });
    return `${doc}export type ${alias.typeName} = components["schemas"][${JSON.stringify(alias.schemaName)}];`;
  });
  const types = escapeCommentTags(astToString(nodes), OPENAPI_TYPESCRIPT_TAGS);
  return `${types}\n// Named aliases of every component schema.\n${aliases.join("\n")}\n`;
}

/**
 * The copy of the document openapi-typescript reads, changed only where its output or its reading would
 * otherwise go wrong. One walk (the document's depth is already bounded by checkDocument):
 * - a `title` or `summary` starts a comment line, where an `@` would be read as a tag: escaped (a string
 *   under these keys is always documentation; schemas and maps hold objects);
 * - an example's `externalValue` would be fetched by its resolver: dropped (it is documentation only);
 * - a discriminator mapping may name a schema (`Cat`) instead of referencing it, and its bundler only
 *   follows references: names of existing component schemas become references.
 */
function forOpenapiTypescript(spec: object): object {
  const copy = structuredClone(spec) as { components?: { schemas?: Record<string, unknown> } };
  const schemas = copy.components?.schemas ?? {};
  const visit = (node: unknown): void => {
    if (typeof node !== "object" || node === null) return;
    const record = node as Record<string, unknown>;
    for (const key of ["title", "summary"]) {
      const value = record[key];
      if (Object.hasOwn(record, key) && typeof value === "string") record[key] = withoutTags(value);
    }
    if (typeof record.externalValue === "string") delete record.externalValue;
    const mapping = (record.discriminator as { mapping?: Record<string, unknown> } | undefined)?.mapping;
    if (typeof mapping === "object" && mapping !== null) {
      for (const [value, target] of Object.entries(mapping)) {
        if (typeof target === "string" && !target.includes("/") && Object.hasOwn(schemas, target))
          mapping[value] = `#/components/schemas/${target}`;
      }
    }
    for (const child of Object.values(node)) visit(child);
  };
  visit(copy);
  return copy;
}
