// JSON Schema's keywords by what their value holds: the walks over a schema (the validator's reading of
// references, the generator's copy) go down the same ones.

/** Keywords whose value is a schema, a list of schemas, or a map of names to schemas. */
export const SUBSCHEMA = new Set([
  "items",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "additionalItems",
  "unevaluatedItems",
  "unevaluatedProperties",
]);
export const SUBSCHEMA_LIST = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
export const SUBSCHEMA_MAP = new Set([
  "properties",
  "patternProperties",
  "definitions",
  "$defs",
  "dependentSchemas",
]);
