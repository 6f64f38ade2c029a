// Each operation's declared responses, reduced to what the client's response validation checks
// (packages/client/src/validation/plan.ts): types, nulls, enums, properties, required fields, items and
// the combinators. Everything else a schema can say (formats, patterns, bounds) is left out on purpose: the
// check is for drift in shape, and a pattern from the document would run against the server's answers.
import type { JsonType, ResponsePlan, ShapeNode } from "@ango-hub/client/contract";
import { isObject, type Json, resolveLocalRef } from "@ango-hub/openapi-reader";

/** A plan as the codegen builds it: the client's types (what the generated modules are checked against), writable. */
type Writable<T> = { -readonly [K in keyof T]: T[K] };
type NodeDraft = Writable<ShapeNode>;

const JSON_TYPES = new Set<string>(["object", "array", "string", "number", "integer", "boolean"]);
const isPrimitive = (value: unknown) =>
  value === null || ["string", "number", "boolean"].includes(typeof value);

/**
 * Every operation's response plan over one table of schemas: a schema that many operations reach (a
 * component, and everything it refers to) is one node, written once. Each plan's `schemas` is that table.
 */
export class ResponsePlans {
  /** The shared table: every schema any plan reached, by index. */
  readonly schemas: NodeDraft[] = [];
  readonly #doc: Json;
  readonly #indexOf = new Map<object, number>();

  constructor(doc: Json) {
    this.#doc = doc;
  }

  /** The plan of one operation's `responses` object, over the shared table. */
  read(responses: Json): ResponsePlan {
    const plan: Record<string, { content: Record<string, number | null> }> = {};
    for (const [status, raw] of Object.entries(responses)) {
      if (!/^([1-5](\d\d|XX)|default)$/i.test(status)) continue;
      const response = resolveLocalRef(this.#doc, raw);
      const content = isObject(response?.content) ? response.content : {};
      plan[status] = {
        content: Object.fromEntries(
          Object.entries(content).map(([mediaType, media]) => [
            mediaType,
            isObject(media) && media.schema !== undefined ? this.#add(media.schema) : null,
          ]),
        ),
      };
    }
    return { responses: plan, schemas: this.schemas };
  }

  /** The schema's index, each schema object (after its `$ref`) getting one. */
  #add(raw: unknown): number {
    const schema = resolveLocalRef(this.#doc, raw) ?? {};
    const known = this.#indexOf.get(schema);
    if (known !== undefined) return known;
    const index = this.schemas.length;
    this.#indexOf.set(schema, index);
    const node: NodeDraft = {};
    this.schemas.push(node);
    this.#fill(node, schema);
    return index;
  }

  #fill(node: NodeDraft, schema: Json): void {
    const doc = this.#doc;
    const add = (raw: unknown) => this.#add(raw);
    const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(
      (t): t is string => typeof t === "string",
    );
    if (types.length > 0) {
      const declared = types.filter((t) => JSON_TYPES.has(t)) as JsonType[];
      // An unknown type name (a typo in the document) must not make every value wrong: no type check then.
      if (declared.length + (types.includes("null") ? 1 : 0) === types.length) node.type = declared;
    }
    if (schema.nullable === true || types.includes("null")) node.nullable = true;
    let values: unknown[] | undefined;
    if (Array.isArray(schema.enum)) values = schema.enum;
    else if (Object.hasOwn(schema, "const")) values = [schema.const];
    if (values?.every(isPrimitive)) node.enum = values as ShapeNode["enum"];
    if (isObject(schema.properties)) {
      node.properties = Object.fromEntries(
        Object.entries(schema.properties).map(([name, property]) => [name, add(property)]),
      );
    }
    if (Array.isArray(schema.required)) {
      const properties = isObject(schema.properties) ? schema.properties : {};
      // A write-only property is required of requests only.
      const required = schema.required.filter(
        (name): name is string =>
          typeof name === "string" &&
          resolveLocalRef(doc, Object.hasOwn(properties, name) ? properties[name] : undefined)?.writeOnly !==
            true,
      );
      if (required.length > 0) node.required = [...new Set(required)];
    }
    const additional = schema.additionalProperties;
    if (additional === false) node.additional = false;
    else if (additional === true || (isObject(additional) && Object.keys(additional).length === 0))
      node.additional = true;
    else if (isObject(additional)) node.additional = add(additional);
    else if (isObject(schema.patternProperties) && Object.keys(schema.patternProperties).length > 0)
      node.additional = true;
    if (isObject(schema.items)) node.items = add(schema.items);
    if (Array.isArray(schema.allOf) && schema.allOf.length > 0) node.allOf = schema.allOf.map(add);
    const branches = Array.isArray(schema.oneOf) ? schema.oneOf : schema.anyOf;
    if (Array.isArray(branches) && branches.length > 0) {
      node.oneOf = branches.map(add);
      const discriminator = discriminatorOf(schema.discriminator, branches);
      if (discriminator) node.discriminator = discriminator;
    }
  }
}

/** The plan of one `responses` object on its own (its own table). */
export function readResponsePlan(doc: Json, responses: Json): ResponsePlan {
  return new ResponsePlans(doc).read(responses);
}

/**
 * The discriminator's values and the branch each names: the mapping the spec writes (a `$ref` or a
 * schema name), and each `$ref` branch's component name for values it does not map.
 */
function discriminatorOf(
  raw: unknown,
  branches: unknown[],
): { property: string; mapping: Record<string, number> } | undefined {
  if (!isObject(raw) || typeof raw.propertyName !== "string") return undefined;
  const refs = branches.map((branch) =>
    isObject(branch) && typeof branch.$ref === "string" ? branch.$ref : "",
  );
  const entries: [string, number][] = [];
  const mapping = isObject(raw.mapping) ? raw.mapping : {};
  for (const [value, target] of Object.entries(mapping)) {
    if (typeof target !== "string") continue;
    const ref = target.startsWith("#") ? target : `#/components/schemas/${target}`;
    const index = refs.indexOf(ref);
    if (index >= 0) entries.push([value, index]);
  }
  refs.forEach((ref, index) => {
    const name = ref.startsWith("#/components/schemas/") ? ref.slice("#/components/schemas/".length) : "";
    if (name && !name.includes("/") && !entries.some(([value]) => value === name))
      entries.push([name, index]);
  });
  return { property: raw.propertyName, mapping: Object.fromEntries(entries) };
}
