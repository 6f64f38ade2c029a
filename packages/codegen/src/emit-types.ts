import { MAX_REFERENCE_CHAIN, pointerTarget } from "@ango-hub/openapi-reader";
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
  const typeNames = new Map(model.schemaAliases.map((alias) => [alias.schemaName, alias.typeName]));
  const definitions = new Map<string, ts.TypeNode>();
  const named = ts.transform(nodes, [namingSchemas(typeNames, definitions)]).transformed;
  const aliases = model.schemaAliases.map((alias) => {
    const doc = jsDoc([alias.description], { deprecated: alias.deprecated });
    const definition = definitions.get(alias.typeName);
    // openapi-typescript's comments inside a moved definition get the same escaping as the rest of its output.
    const type = definition
      ? escapeCommentTags(
          astToString(
            ts.factory.createTypeAliasDeclaration(
              [ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)],
              alias.typeName,
              undefined,
              definition,
            ),
          ).trim(),
          OPENAPI_TYPESCRIPT_TAGS,
        )
      : `export type ${alias.typeName} = components["schemas"][${JSON.stringify(alias.schemaName)}];`;
    return `${doc}${type}`;
  });
  const types = escapeCommentTags(astToString(named), OPENAPI_TYPESCRIPT_TAGS);
  return `${types}\n// Named aliases of every component schema.\n${aliases.join("\n")}\n`;
}

/**
 * openapi-typescript's output with the component schemas named, so a reader's hover shows `Batch`, never
 * `components["schemas"]["Batch"]` or the expansion of one:
 * - an object schema is defined by its alias (`export type Batch = { … }`; TypeScript keeps the name of an
 *   alias that defines a type, and drops it for an alias of an index chain) and `components.schemas.Batch`
 *   is `Batch`. Object literals move: their members are read lazily, so an alias that refers to itself
 *   (`Node = { next?: Node }`) is valid, which a union of references might not be. A union that reaches
 *   itself through other unions moves too (`Value = string | Value[]`), as the index chain cannot hold it;
 * - every `components["schemas"]["X"]` elsewhere is written as the alias `X`, the same type.
 * `definitions` receives each moved definition by alias name.
 */
function namingSchemas(
  typeNames: Map<string, string>,
  definitions: Map<string, ts.TypeNode>,
): ts.TransformerFactory<ts.Node> {
  return (context) => {
    const visit = (node: ts.Node): ts.Node => {
      const name = schemaReferenceName(node);
      const typeName = name === undefined ? undefined : typeNames.get(name);
      if (typeName !== undefined) return ts.factory.createTypeReferenceNode(typeName);
      return ts.visitEachChild(node, visit, context);
    };
    /** `schemas: { Batch: {…} }` of `components`, its object definitions moved into their aliases. */
    const moveDefinitions = (schemas: ts.PropertySignature): ts.TypeElement => {
      const literal = schemas.type as ts.TypeLiteralNode;
      // A union or intersection that reaches itself through others of its kind (Vercel's recursive
      // EdgeConfigItemValue) moves into its alias too: written there, `X = string | X[]` is a valid
      // recursive alias, while as an alias of the index chain it refers to itself through `components`.
      const selfReferring = unmovedCycles(literal);
      const members = literal.members.map((member) => {
        if (!ts.isPropertySignature(member) || !member.type) return ts.visitEachChild(member, visit, context);
        const typeName = typeNames.get(propertyName(member));
        const type = ts.visitNode(member.type, visit) as ts.TypeNode;
        if (
          typeName === undefined ||
          !(ts.isTypeLiteralNode(type) || selfReferring.has(propertyName(member)))
        )
          return ts.factory.updatePropertySignature(
            member,
            member.modifiers,
            member.name,
            member.questionToken,
            type,
          );
        definitions.set(typeName, type);
        return ts.factory.updatePropertySignature(
          member,
          member.modifiers,
          member.name,
          member.questionToken,
          ts.factory.createTypeReferenceNode(typeName),
        );
      });
      return ts.factory.updatePropertySignature(
        schemas,
        schemas.modifiers,
        schemas.name,
        schemas.questionToken,
        ts.factory.updateTypeLiteralNode(literal, ts.factory.createNodeArray(members)),
      );
    };
    return (root) => {
      if (!ts.isInterfaceDeclaration(root) || root.name.text !== "components")
        return ts.visitNode(root, visit) as ts.Node;
      const members = root.members.map((member) =>
        ts.isPropertySignature(member) &&
        propertyName(member) === "schemas" &&
        member.type &&
        ts.isTypeLiteralNode(member.type)
          ? moveDefinitions(member)
          : (ts.visitNode(member, visit) as ts.TypeElement),
      );
      return ts.factory.updateInterfaceDeclaration(
        root,
        root.modifiers,
        root.name,
        root.typeParameters,
        root.heritageClauses,
        members,
      );
    };
  };
}

/**
 * The component schemas whose definitions stay in `components` (not object literals) and reach
 * themselves through other such definitions: the references among them cannot all be aliases.
 */
function unmovedCycles(schemas: ts.TypeLiteralNode): Set<string> {
  const edges = new Map<string, Set<string>>();
  for (const member of schemas.members) {
    if (!ts.isPropertySignature(member) || !member.type || ts.isTypeLiteralNode(member.type)) continue;
    const referenced = new Set<string>();
    const collect = (node: ts.Node): void => {
      const name = schemaReferenceName(node);
      if (name !== undefined) referenced.add(name);
      else ts.forEachChild(node, collect);
    };
    collect(member.type);
    edges.set(propertyName(member), referenced);
  }
  const cyclic = new Set<string>();
  for (const start of edges.keys()) {
    // Depth-first over definitions that stay; bounded by their number.
    const seen = new Set<string>();
    const stack = [...(edges.get(start) ?? [])];
    while (stack.length > 0) {
      const name = stack.pop() as string;
      if (name === start) {
        cyclic.add(start);
        break;
      }
      if (seen.has(name) || !edges.has(name)) continue;
      seen.add(name);
      stack.push(...(edges.get(name) ?? []));
    }
  }
  return cyclic;
}

function propertyName(member: ts.TypeElement): string {
  const name = member.name;
  return name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : "";
}

/** `X` when the node is the type `components["schemas"]["X"]`. */
function schemaReferenceName(node: ts.Node): string | undefined {
  if (!ts.isIndexedAccessTypeNode(node) || !ts.isIndexedAccessTypeNode(node.objectType)) return undefined;
  const root = node.objectType.objectType;
  const section = literalText(node.objectType.indexType);
  if (!ts.isTypeReferenceNode(root) || !ts.isIdentifier(root.typeName)) return undefined;
  if (root.typeName.text !== "components" || section !== "schemas") return undefined;
  return literalText(node.indexType);
}

function literalText(node: ts.TypeNode): string | undefined {
  return ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal) ? node.literal.text : undefined;
}

/**
 * Schema objects that inlined references may copy into one document, in all. Copies hold references of
 * their own, so the copies can grow as a power of the document (Azure's applicationGateway grew past
 * the 512 MB a string may hold); past this budget a reference becomes `{}` (unknown), saying why.
 */
export const MAX_INLINED_NODES = 50_000;
/** What a reference past MAX_INLINED_NODES says on hover, where the document gives no description. */
const PAST_INLINING_BUDGET = `Typed as unknown: the document's references into its schemas copy more than ${MAX_INLINED_NODES} schema objects.`;
/** A reference to somewhere inside a component schema, not to the schema itself. */
const INTO_A_SCHEMA = /^#\/components\/schemas\/[^/]+\/./;
/** One openapi-typescript writes as a property type: `#/components/schemas/X/properties/a(/properties/b)…`. */
const PROPERTY_CHAIN = /^#\/components\/schemas\/[^/]+(\/properties\/[^/]+)+$/;

/** A reference openapi-typescript would write as an index chain that is no property of the type. */
const needsInlining = (ref: string) => INTO_A_SCHEMA.test(ref) && !PROPERTY_CHAIN.test(ref);

/**
 * Where `ref` ends when its target is only a reference in turn, followed while each one still needs
 * inlining (at most MAX_REFERENCE_CHAIN of them): the first that does not, else the last one followed.
 */
function collapsedReference(document: unknown, ref: string): string {
  let current = ref;
  for (let hop = 0; hop < MAX_REFERENCE_CHAIN && needsInlining(current); hop++) {
    const target = pointerTarget(document, current) as { $ref?: unknown } | undefined;
    if (typeof target !== "object" || target === null || typeof target.$ref !== "string") break;
    current = target.$ref;
  }
  return current;
}

/** The objects in `node`'s tree, counted up to `limit`. */
function objectCount(node: object, limit: number): number {
  let count = 0;
  const pending: unknown[] = [node];
  while (pending.length > 0 && count < limit) {
    const next = pending.pop();
    if (typeof next !== "object" || next === null) continue;
    count++;
    for (const child of Object.values(next)) pending.push(child);
  }
  return count;
}

/**
 * The copy of the document openapi-typescript reads, changed only where its output or its reading would
 * otherwise go wrong. One walk (the document's depth is already bounded by checkDocument):
 * - a `title` or `summary` starts a comment line, where an `@` would be read as a tag: escaped (a string
 *   under these keys is always documentation; schemas and maps hold objects);
 * - an example's `externalValue` would be fetched by its resolver: dropped (it is documentation only);
 * - a discriminator mapping may name a schema (`Cat`) instead of referencing it, and its bundler only
 *   follows references: names of existing component schemas become references;
 * - a reference into a component schema other than down its properties (`X/definitions/y`) would be
 *   written as an index chain that is no property of X: the schema it points at is written in its place.
 */
function forOpenapiTypescript(spec: object): object {
  const copy = structuredClone(spec) as { components?: { schemas?: Record<string, unknown> } };
  const schemas = copy.components?.schemas ?? {};
  /** The references being inlined, outermost first: one met again inside itself becomes `{}`. */
  const inlining: string[] = [];
  let inlinedNodes = 0;
  const visit = (node: unknown): void => {
    if (typeof node !== "object" || node === null) return;
    const record = node as Record<string, unknown>;
    let ref = record.$ref;
    if (typeof ref === "string" && needsInlining(ref)) {
      // A reference to a reference (Azure's `X/properties/y/allOf/0`, itself a `$ref` to a component)
      // is pointed at the one it ends at: nothing is copied.
      ref = collapsedReference(copy, ref);
      record.$ref = ref;
    }
    /** The reference written in this node's place, if it is one to inline. */
    const inlines = typeof ref === "string" && needsInlining(ref) ? ref : undefined;
    if (inlines !== undefined) {
      // openapi-typescript writes such a reference as an index chain (`X["definitions"]["y"]`), which is
      // no property of X's type (codat's DataConnection/definitions/dataConnectionError): the schema it
      // points at is written in its place, then read like the rest (its title escaped too).
      delete record.$ref;
      const target = pointerTarget(copy, inlines);
      if (inlining.includes(inlines) || typeof target !== "object" || target === null) return;
      inlinedNodes += objectCount(target, MAX_INLINED_NODES - inlinedNodes + 1);
      if (inlinedNodes > MAX_INLINED_NODES) {
        if (typeof record.description !== "string") record.description = PAST_INLINING_BUDGET;
        return;
      }
      // The reference's siblings (3.1 allows a description beside it) win over the target's own.
      const siblings = { ...record };
      Object.assign(record, structuredClone(target), siblings);
      inlining.push(inlines);
    }
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
    if (inlines !== undefined) inlining.pop();
  };
  visit(copy);
  return copy;
}
