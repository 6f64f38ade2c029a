// Compares two versions of the OpenAPI document and says, in a consumer's words, what changed and
// which semver bump that calls for. Written here because the npm OpenAPI diff tools could not do the
// job on this spec (openapi-diff 0.24 crashes on its circular $refs; oasdiff and openapi-changes need
// binaries that cannot be downloaded here), and because the wording is the point.

import {
  type ApiModel,
  compareCodeUnits,
  isObject,
  type Json,
  plainText,
  readApiModel,
  resolveRef,
} from "@ango-hub/codegen";

export type Bump = "major" | "minor" | "patch";
export interface SpecChange {
  bump: Bump;
  message: string;
}

type Direction = { request: boolean; response: boolean };

const DOC_ONLY_KEYS = new Set([
  "description",
  "summary",
  "example",
  "examples",
  "title",
  "externalDocs",
  "$comment",
]);
const CONSTRAINT_KEYS = [
  "format",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "uniqueItems",
  "multipleOf",
  "minProperties",
  "maxProperties",
];
const HANDLED_KEYS = new Set([
  ...DOC_ONLY_KEYS,
  ...CONSTRAINT_KEYS,
  "$ref",
  "type",
  "nullable",
  "enum",
  "properties",
  "required",
  "items",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
]);

/** JSON with every object's keys sorted: two documents that differ only in key order give the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === "object" && item !== null && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => compareCodeUnits(a, b)))
      : item,
  );
}

/** Equal content, whatever the key order. */
const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
const refName = (ref: unknown) => (typeof ref === "string" ? ref.split("/").pop() : undefined);
/** Document text in a message: one line, controls shown as escapes, no backtick to end the code span. */
const code = (text: string) => `\`${plainText(text)}\``;

function schemasOf(doc: Json): Json {
  const components = isObject(doc.components) ? doc.components : {};
  return isObject(components.schemas) ? components.schemas : {};
}

/** Component schemas reachable from request bodies/parameters and from responses. */
function directions(doc: Json): Map<string, Direction> {
  const schemas = schemasOf(doc);
  const result = new Map<string, Direction>();
  const visit = (node: unknown, side: keyof Direction, seen: Set<string>) => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, side, seen);
      return;
    }
    if (!isObject(node)) return;
    const name = refName(node.$ref);
    if (name && typeof node.$ref === "string" && node.$ref.startsWith("#/components/schemas/")) {
      if (seen.has(name)) return;
      seen.add(name);
      const entry = result.get(name) ?? { request: false, response: false };
      entry[side] = true;
      result.set(name, entry);
      visit(schemas[name], side, seen);
      return;
    }
    for (const value of Object.values(node)) visit(value, side, seen);
  };
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    for (const op of Object.values(item)) {
      if (!isObject(op)) continue;
      visit(op.parameters, "request", new Set());
      visit(op.requestBody, "request", new Set());
      visit(op.responses, "response", new Set());
    }
    visit(item.parameters, "request", new Set());
  }
  return result;
}

class Collector {
  readonly changes: SpecChange[] = [];
  add(bump: Bump, message: string): void {
    if (!this.changes.some((c) => c.message === message)) this.changes.push({ bump, message });
  }
}

function typeLabel(schema: Json): string {
  const name = refName(schema.$ref);
  if (name) return name;
  if (schema.type === "array" && isObject(schema.items)) return `${typeLabel(schema.items)}[]`;
  if (Array.isArray(schema.type)) return schema.type.join(" | ");
  return typeof schema.type === "string" ? schema.type : "any";
}

const isConstBranch = (branch: unknown) =>
  isObject(branch) &&
  "const" in branch &&
  Object.keys(branch).every((key) => key === "const" || key === "type" || DOC_ONLY_KEYS.has(key));
const isNullBranch = (branch: unknown) =>
  isObject(branch) && (branch.type === "null" || (Array.isArray(branch.enum) && same(branch.enum, [null])));

/**
 * One schema in one vocabulary, whichever OpenAPI version wrote it, so that a 3.0 document and its 3.1
 * rewrite compare equal where their generated types are: the types as a sorted set with null apart
 * (3.0's `nullable`, 3.1's `"null"` in a type array, null in an enum, a `oneOf`/`anyOf` branch of type
 * null), `const` and a `oneOf` of `const`s as an enum, 3.1's numeric `exclusiveMinimum`/`Maximum` as
 * 3.0's, `contentEncoding`/`contentMediaType` as the `format` 3.0 wrote for them, and `example` as
 * `examples`.
 */
export function normalizedSchema(schema: Json): Json {
  const out: Json = { ...schema };
  const types = new Set<string>();
  for (const type of [out.type].flat()) if (typeof type === "string") types.add(type);
  let nullable = out.nullable === true || types.delete("null");
  for (const key of ["oneOf", "anyOf"] as const) {
    const branches = out[key];
    if (!Array.isArray(branches) || branches.length === 0) continue;
    if (branches.some(isNullBranch)) {
      nullable = true;
      const rest = branches.filter((branch) => !isNullBranch(branch));
      if (rest.length === 1 && isObject(rest[0])) {
        delete out[key];
        Object.assign(out, normalizedSchema({ ...rest[0], ...out }));
        for (const type of [out.type].flat()) if (typeof type === "string") types.add(type);
      } else out[key] = rest;
    } else if (branches.every(isConstBranch)) {
      out.enum = branches.map((branch) => (branch as Json).const);
      for (const branch of branches)
        if (typeof (branch as Json).type === "string") types.add((branch as Json).type as string);
      delete out[key];
    }
  }
  // 3.0's one example and 3.1's list of them, as the list.
  if ("example" in out) {
    if (out.examples === undefined) out.examples = [out.example];
    delete out.example;
  }
  if ("const" in out) {
    out.enum = [out.const];
    delete out.const;
  }
  if (Array.isArray(out.enum) && out.enum.includes(null)) {
    nullable = true;
    out.enum = out.enum.filter((value: unknown) => value !== null);
  }
  for (const [bound, exclusive] of [
    ["minimum", "exclusiveMinimum"],
    ["maximum", "exclusiveMaximum"],
  ] as const) {
    if (out[exclusive] === true && typeof out[bound] === "number") {
      out[exclusive] = out[bound];
      delete out[bound];
    } else if (out[exclusive] === false) delete out[exclusive];
  }
  if (out.contentEncoding === "base64" && out.format === undefined) out.format = "byte";
  if (
    typeof out.contentMediaType === "string" &&
    out.format === undefined &&
    out.contentEncoding === undefined
  )
    out.format = "binary";
  delete out.contentEncoding;
  delete out.contentMediaType;
  delete out.nullable;
  delete out.type;
  if (types.size === 1) out.type = [...types][0];
  else if (types.size > 1) out.type = [...types].sort(compareCodeUnits);
  if (nullable) out.nullable = true;
  return out;
}

function diffSchema(label: string, rawBefore: Json, rawAfter: Json, dir: Direction, out: Collector): void {
  const before = normalizedSchema(rawBefore);
  const after = normalizedSchema(rawAfter);
  if (before.$ref !== undefined || after.$ref !== undefined) {
    if (before.$ref !== after.$ref) {
      out.add(
        "major",
        `${code(label)} changes type from ${code(typeLabel(before))} to ${code(typeLabel(after))}`,
      );
    }
    // Same component on both sides: its own changes are reported under its name.
    if (Object.keys(after).some((k) => k !== "$ref" && !same(before[k], after[k]))) {
      out.add("patch", `${code(label)} documentation changed`);
    }
    return;
  }
  if (!same(before.type, after.type)) {
    out.add(
      "major",
      `${code(label)} changes type from ${code(typeLabel(before))} to ${code(typeLabel(after))}`,
    );
  }
  if (before.nullable === true && after.nullable !== true)
    out.add("major", `${code(label)} no longer accepts null`);
  if (before.nullable !== true && after.nullable === true)
    out.add("minor", `${code(label)} now accepts null`);

  const oldEnum = Array.isArray(before.enum) ? before.enum : undefined;
  const newEnum = Array.isArray(after.enum) ? after.enum : undefined;
  if (oldEnum && newEnum) {
    for (const value of oldEnum.filter((v) => !newEnum.some((w) => same(v, w)))) {
      out.add("major", `${code(label)} loses ${code(String(value))}`);
    }
    for (const value of newEnum.filter((v) => !oldEnum.some((w) => same(v, w)))) {
      out.add("minor", `${code(label)} gains ${code(String(value))}`);
    }
  } else if (newEnum) {
    out.add("major", `${code(label)} is now limited to ${newEnum.map((v) => code(String(v))).join(", ")}`);
  } else if (oldEnum) {
    out.add("minor", `${code(label)} is no longer limited to a fixed set of values`);
  }

  for (const key of CONSTRAINT_KEYS) {
    if (same(before[key], after[key])) continue;
    if (after[key] === undefined) out.add("minor", `${code(label)} drops its ${key} constraint`);
    else
      out.add(
        "major",
        `${code(label)} ${key} ${before[key] === undefined ? "added" : "changed"}: ${plainText(String(JSON.stringify(after[key])))}`,
      );
  }
  if (!same(before.default, after.default)) out.add("patch", `${code(label)} default changed`);
  if (before.readOnly !== after.readOnly || before.writeOnly !== after.writeOnly)
    out.add("patch", `${code(label)} readOnly or writeOnly changed`);
  if (before.deprecated !== true && after.deprecated === true)
    out.add("minor", `${code(label)} is deprecated`);
  for (const key of DOC_ONLY_KEYS) {
    if (!same(before[key], after[key])) out.add("patch", `${code(label)} ${key} changed`);
  }

  const oldProps = isObject(before.properties) ? before.properties : {};
  const newProps = isObject(after.properties) ? after.properties : {};
  const oldRequired = new Set(Array.isArray(before.required) ? (before.required as string[]) : []);
  const newRequired = new Set(Array.isArray(after.required) ? (after.required as string[]) : []);
  for (const name of Object.keys(oldProps)) {
    if (!(name in newProps)) out.add("major", `${code(`${label}.${name}`)} removed`);
  }
  for (const [name, schema] of Object.entries(newProps)) {
    const path = `${label}.${name}`;
    if (!(name in oldProps)) {
      const breaks = newRequired.has(name) && dir.request;
      out.add(breaks ? "major" : "minor", `${code(path)} added${newRequired.has(name) ? " (required)" : ""}`);
      continue;
    }
    if (!oldRequired.has(name) && newRequired.has(name)) {
      out.add(dir.request ? "major" : "minor", `${code(path)} is now required`);
    }
    if (oldRequired.has(name) && !newRequired.has(name)) {
      out.add(dir.response ? "major" : "minor", `${code(path)} is no longer required`);
    }
    if (isObject(oldProps[name]) && isObject(schema)) diffSchema(path, oldProps[name], schema, dir, out);
  }
  if (isObject(before.items) || isObject(after.items)) {
    diffSchema(
      `${label}[]`,
      isObject(before.items) ? before.items : {},
      isObject(after.items) ? after.items : {},
      dir,
      out,
    );
  }
  // Anything else (oneOf, allOf, additionalProperties, …) is compared as a whole, conservatively.
  const other = new Set([...Object.keys(before), ...Object.keys(after)].filter((k) => !HANDLED_KEYS.has(k)));
  for (const key of other) {
    if (!same(before[key], after[key])) {
      out.add(key.startsWith("x-") ? "patch" : "major", `${code(label)} ${key} changed`);
    }
  }
}

/** Raw operation objects by generated name (what consumers call), found through each model's method and path. */
function operationObjects(doc: Json, model: ApiModel): Map<string, Json> {
  const result = new Map<string, Json>();
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const op of model.operations) {
    const item = paths[op.path];
    const raw = isObject(item) ? item[op.method] : undefined;
    if (isObject(raw)) result.set(op.name, raw);
  }
  return result;
}

/** model.ts's resolver; diffSpecs has already read both documents with readApiModel, so refs resolve. */
function resolve(doc: Json, node: unknown): Json {
  return node === undefined ? {} : resolveRef(doc, node, "spec diff");
}

function mediaSchema(doc: Json, holder: unknown): Json | undefined {
  const content = resolve(doc, holder).content;
  if (!isObject(content)) return undefined;
  const media = Object.values(content)[0];
  return isObject(media) && isObject(media.schema) ? media.schema : undefined;
}

function diffOperations(
  oldDoc: Json,
  newDoc: Json,
  oldModel: ApiModel,
  newModel: ApiModel,
  out: Collector,
): void {
  const describe = (op: { method: string; path: string }) => code(`${op.method.toUpperCase()} ${op.path}`);
  const oldOps = new Map(oldModel.operations.map((op) => [op.name, op]));
  const newOps = new Map(newModel.operations.map((op) => [op.name, op]));
  const oldRaw = operationObjects(oldDoc, oldModel);
  const newRaw = operationObjects(newDoc, newModel);
  const request: Direction = { request: true, response: false };
  const response: Direction = { request: false, response: true };
  for (const [id, op] of oldOps) {
    if (!newOps.has(id)) out.add("major", `${describe(op)} removed (${code(id)})`);
  }
  for (const [id, op] of newOps) {
    const previous = oldOps.get(id);
    if (!previous) {
      out.add("minor", `${describe(op)} added (${code(id)})`);
      continue;
    }
    if (previous.method !== op.method || previous.path !== op.path) {
      out.add("major", `${code(id)} moved from ${describe(previous)} to ${describe(op)}`);
    }
    const oldParams = new Map(previous.parameters.map((p) => [`${p.in}:${p.name}`, p]));
    const newParams = new Map(op.parameters.map((p) => [`${p.in}:${p.name}`, p]));
    for (const [key, param] of oldParams) {
      if (!newParams.has(key))
        out.add("major", `${code(id)}: ${param.in} parameter ${code(param.name)} removed`);
    }
    for (const [key, param] of newParams) {
      const before = oldParams.get(key);
      if (!before) {
        out.add(
          param.required ? "major" : "minor",
          `${code(id)}: ${param.required ? "required" : "optional"} ${param.in} parameter ${code(param.name)} added`,
        );
      } else if (!before.required && param.required) {
        out.add("major", `${code(id)}: ${param.in} parameter ${code(param.name)} is now required`);
      } else if (before.required && !param.required) {
        out.add("minor", `${code(id)}: ${param.in} parameter ${code(param.name)} is now optional`);
      }
    }
    const rawBefore = oldRaw.get(id) ?? {};
    const rawAfter = newRaw.get(id) ?? {};
    const paramSchemas = (doc: Json, raw: Json) =>
      new Map(
        (Array.isArray(raw.parameters) ? raw.parameters : []).map((p) => {
          const param = resolve(doc, p);
          return [`${param.in}:${param.name}`, isObject(param.schema) ? param.schema : {}] as const;
        }),
      );
    const oldParamSchemas = paramSchemas(oldDoc, rawBefore);
    for (const [key, schema] of paramSchemas(newDoc, rawAfter)) {
      const before = oldParamSchemas.get(key);
      if (before) diffSchema(`${id} ${key.replace(":", " parameter ")}`, before, schema, request, out);
    }

    if (previous.requestBody && !op.requestBody) out.add("major", `${code(id)}: request body removed`);
    if (!previous.requestBody && op.requestBody) {
      out.add(op.requestBody.required ? "major" : "minor", `${code(id)}: request body added`);
    }
    if (previous.requestBody && op.requestBody && !previous.requestBody.required && op.requestBody.required) {
      out.add("major", `${code(id)}: request body is now required`);
    }
    const oldBody = mediaSchema(oldDoc, rawBefore.requestBody);
    const newBody = mediaSchema(newDoc, rawAfter.requestBody);
    if (oldBody && newBody) diffSchema(`${id} request body`, oldBody, newBody, request, out);

    const oldStatuses = previous.successResponses.map((r) => r.status);
    const newStatuses = op.successResponses.map((r) => r.status);
    for (const status of oldStatuses.filter((s) => !newStatuses.includes(s))) {
      out.add("major", `${code(id)}: ${status} response removed`);
    }
    for (const status of newStatuses.filter((s) => !oldStatuses.includes(s))) {
      out.add("minor", `${code(id)}: ${status} response added`);
    }
    for (const status of newStatuses.filter((s) => oldStatuses.includes(s))) {
      const responsesBefore = isObject(rawBefore.responses) ? rawBefore.responses : {};
      const responsesAfter = isObject(rawAfter.responses) ? rawAfter.responses : {};
      const before = mediaSchema(oldDoc, responsesBefore[status]);
      const after = mediaSchema(newDoc, responsesAfter[status]);
      if (before && after) diffSchema(`${id} ${status} response`, before, after, response, out);
      if (
        !same(
          resolve(oldDoc, responsesBefore[status]).description,
          resolve(newDoc, responsesAfter[status]).description,
        )
      ) {
        out.add("patch", `${code(id)}: ${status} response description changed`);
      }
    }
    if (previous.summary !== op.summary || previous.description !== op.description) {
      out.add("patch", `${code(id)}: summary or description changed`);
    }
    if (!previous.deprecated && op.deprecated) out.add("minor", `${code(id)} is deprecated`);
  }
}

export function diffSpecs(oldDoc: unknown, newDoc: unknown): SpecChange[] {
  const before = oldDoc as Json;
  const after = newDoc as Json;
  const oldModel = readApiModel(before);
  const newModel = readApiModel(after);
  const out = new Collector();

  diffOperations(before, after, oldModel, newModel, out);

  const oldServers = new Map(oldModel.servers.map((s) => [s.key, s.url]));
  const newServers = new Map(newModel.servers.map((s) => [s.key, s.url]));
  for (const [key, url] of oldServers) {
    if (!newServers.has(key)) out.add("major", `server ${code(key)} (${code(url)}) removed`);
    else if (newServers.get(key) !== url)
      out.add("major", `server ${code(key)} moved from ${code(url)} to ${code(newServers.get(key) ?? "")}`);
  }
  for (const [key, url] of newServers) {
    if (!oldServers.has(key)) out.add("minor", `server ${code(key)} (${code(url)}) added`);
  }
  if (oldModel.servers[0]?.key !== newModel.servers[0]?.key && oldModel.servers[0] && newModel.servers[0]) {
    out.add(
      "major",
      `default server changed from ${code(oldModel.servers[0].key)} to ${code(newModel.servers[0].key)}`,
    );
  }
  if (!same(oldModel.apiKeyScheme, newModel.apiKeyScheme)) {
    const scheme = newModel.apiKeyScheme;
    out.add(
      "major",
      scheme
        ? `authentication changed: the API key now goes in the header ${code(scheme.name)}${scheme.prefix ? `, after "${scheme.prefix}"` : ""}`
        : "authentication changed: no API key scheme any more",
    );
  }

  const oldSchemas = schemasOf(before);
  const newSchemas = schemasOf(after);
  const oldDirections = directions(before);
  const newDirections = directions(after);
  for (const name of Object.keys(oldSchemas)) {
    if (!(name in newSchemas)) out.add("major", `schema ${code(name)} removed`);
  }
  for (const [name, schema] of Object.entries(newSchemas)) {
    const previous = oldSchemas[name];
    if (previous === undefined) {
      out.add("minor", `schema ${code(name)} added`);
    } else if (isObject(previous) && isObject(schema) && !same(previous, schema)) {
      const used = (d: Map<string, Direction>) => d.get(name) ?? { request: false, response: false };
      const dir = {
        request: used(oldDirections).request || used(newDirections).request,
        response: used(oldDirections).response || used(newDirections).response,
      };
      diffSchema(name, previous, schema, dir, out);
    }
  }

  // Webhooks are calls the API makes, not ones the client sends: nothing generated changes with them.
  if (!same(before.webhooks, after.webhooks)) out.add("patch", "webhooks changed");

  const infoBefore = isObject(before.info) ? before.info : {};
  const infoAfter = isObject(after.info) ? after.info : {};
  if (
    !same({ ...infoBefore, version: undefined }, { ...infoAfter, version: undefined }) ||
    !same(before.tags, after.tags)
  ) {
    out.add("patch", "API description or tags changed");
  }
  // Nothing above caught it, but the documents differ: never let a change go unrecorded.
  if (
    out.changes.length === 0 &&
    !same(
      { ...before, openapi: undefined, info: { ...infoBefore, version: undefined } },
      { ...after, openapi: undefined, info: { ...infoAfter, version: undefined } },
    )
  ) {
    out.add("patch", "documentation changed");
  }
  return out.changes;
}

const ORDER: Bump[] = ["major", "minor", "patch"];

/** The largest bump among the changes, or undefined when nothing changed. */
export function bumpFor(changes: SpecChange[]): Bump | undefined {
  return ORDER.find((bump) => changes.some((c) => c.bump === bump));
}

/** A changeset file (front matter + consumer-facing text) for the public packages. */
export function changesetFor(
  changes: SpecChange[],
  packages: string[],
  versions: { from: string; to: string },
): string | undefined {
  const bump = bumpFor(changes);
  if (!bump) return undefined;
  const heading = { major: "Breaking", minor: "Added", patch: "Documentation" } as const;
  const sections = ORDER.map((level) => {
    const lines = changes.filter((c) => c.bump === level).map((c) => `- ${c.message}`);
    return lines.length ? `${heading[level]}:\n\n${lines.join("\n")}` : "";
  }).filter(Boolean);
  const front = packages.map((name) => `"${name}": ${bump}`).join("\n");
  const from = plainText(versions.from, 40);
  const to = plainText(versions.to, 40);
  const title =
    from === to
      ? `Follow the Ango Hub API spec (v${to}).`
      : `Follow the Ango Hub API spec v${from} → v${to}.`;
  return `---\n${front}\n---\n\n${title}\n\n${sections.join("\n\n")}\n`;
}
