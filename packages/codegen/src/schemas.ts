// The component schemas' exported names (one alias each).

import { compareCodeUnits } from "@ango-hub/openapi-reader";
import type { ModelNotice, SchemaAliasModel } from "./model.js";
import { isObject, type Json } from "./refs.js";
import { plainText } from "./text.js";

/**
 * Exported alias name for a component schema: PascalCase of its key, made a valid identifier. Being
 * capitalised, it can never clash with openapi-typescript's lower-case `paths`/`components`/`operations`.
 */
export function schemaTypeName(schemaName: string): string {
  const words = schemaName.split(/[^A-Za-z0-9]+/).filter(Boolean);
  let name = words.map((word) => word[0]?.toUpperCase() + word.slice(1)).join("");
  if (!/^[A-Za-z_]/.test(name)) name = `Schema${name}`;
  return name;
}

/**
 * Global types the generated modules write (openapi-typescript's `Record<string, never>`, a body's
 * `Blob | FormData`): a schema alias of one of these names would hide the global from its whole module
 * (OpenTrials has a `Record` schema), so such a schema's alias takes the next free suffix.
 */
export const GLOBAL_TYPE_NAMES = [
  "ArrayBuffer",
  "ArrayBufferView",
  "AsyncIterable",
  "Blob",
  "Exclude",
  "Extract",
  "FormData",
  "NonNullable",
  "Omit",
  "Partial",
  "Pick",
  "Promise",
  "ReadableStream",
  "Record",
  "Required",
  "URLSearchParams",
  "Uint8Array",
] as const;

export function readSchemaAliases(doc: Json, notices: ModelNotice[]): SchemaAliasModel[] {
  const schemas = isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
  const taken = new Set<string>(GLOBAL_TYPE_NAMES);
  // Sorted, so which of two clashing schemas gets the suffix does not depend on key order.
  return Object.entries(schemas)
    .sort(([a], [b]) => compareCodeUnits(a, b))
    .map(([schemaName, schema]) => {
      const wanted = schemaTypeName(schemaName);
      let typeName = wanted;
      for (let suffix = 2; taken.has(typeName); suffix++) typeName = `${wanted}${suffix}`;
      if (typeName !== wanted)
        notices.push({
          where: `components.schemas.${plainText(schemaName)}`,
          message: `the type name "${wanted}" is taken; generated as "${typeName}".`,
        });
      taken.add(typeName);
      const description =
        isObject(schema) && typeof schema.description === "string" ? schema.description : undefined;
      return {
        schemaName,
        typeName,
        ...(description ? { description } : {}),
        deprecated: isObject(schema) && schema.deprecated === true,
      };
    });
}
