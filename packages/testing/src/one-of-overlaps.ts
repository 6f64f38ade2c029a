import { describedNames } from "./described-names.js";
import { changed, pointerOf, type Step, valueAt } from "./json-pointer.js";
import { type Json, resolveLocalRef } from "./refs.js";
import { SUBSCHEMA, SUBSCHEMA_LIST, SUBSCHEMA_MAP } from "./schema-keywords.js";
import { type Check, type CheckResult, checkerFor, DOCUMENT_ID, type OneOfOverlap } from "./value-check.js";

/** How many changes `separated` makes to one value before it gives up. */
export const MAX_SEPARATING_CHANGES = 16;

/**
 * How many levels below the `oneOf`'s own object a change may be made: branches that share a field and
 * differ only inside its value (Nexmo's SMS and error bodies, in their `messages` items) are told apart
 * there.
 */
export const MAX_SEPARATING_DEPTH = 3;

/**
 * The values a field is given where a branch must refuse it: the first its schema refuses is used. Each
 * is of another type than the one before, so any typed schema refuses one of them.
 */
const REFUSED_VALUES: readonly unknown[] = [null, 0, "", false, [], {}];

/**
 * Why no value was found, where every branch of a `oneOf` has a twin that accepts the same values:
 * whatever matches a branch matches its twin too, so no value matches exactly one (Nexmo's Messages: one
 * branch per channel, each `{ message_uuid }`, told apart only by an `x-tab-id`).
 */
export const TWINNED_ONE_OF_BRANCHES =
  "is held to a oneOf whose every branch has a twin that differs from it only in annotations, so no value matches exactly one";

/**
 * Keywords that say what a schema is for without changing which values it accepts; so do extensions
 * (`x-*`). `discriminator`, `readOnly` and `writeOnly` are kept: a validator may read them.
 */
const ANNOTATIONS = new Set([
  "title",
  "description",
  "example",
  "examples",
  "default",
  "deprecated",
  "externalDocs",
  "xml",
  "$comment",
]);

type Checked = { value: unknown } & CheckResult;

/**
 * Whether each branch of the overlap's `oneOf` has a twin: another branch that is the same, annotations
 * aside. A branch without one may still match a value alone.
 */
export function twinnedBranches(overlap: OneOfOverlap): boolean {
  const texts = overlap.branches.map(constraintsText);
  return texts.every((text) => texts.filter((other) => other === text).length > 1);
}

/** `schema` as text without its annotations, at every level (property names are left as they are). */
function constraintsText(schema: unknown): string {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (typeof node !== "object" || node === null) return node;
    const out: Json = {};
    for (const [key, value] of Object.entries(node)) {
      if (ANNOTATIONS.has(key) || key.startsWith("x-")) continue;
      if (SUBSCHEMA.has(key) || SUBSCHEMA_LIST.has(key)) out[key] = strip(value);
      else if (SUBSCHEMA_MAP.has(key) && typeof value === "object" && value !== null)
        out[key] = Object.fromEntries(Object.entries(value).map(([name, item]) => [name, strip(item)]));
      else out[key] = value;
    }
    return out;
  };
  return JSON.stringify(strip(schema));
}

/**
 * `tried` changed until no `oneOf` holds it through two branches, as far as that goes: a value made from
 * one branch also matches another where their fields overlap (1Password's `oneOf` of a cursor and a
 * time range, neither closed to other fields: `{cursor}` matches both), and `oneOf` asks for exactly one.
 * For each such `oneOf`, one matched branch is kept and each other is made to refuse the value
 * (firstSeparation, changesAgainst). The value as far as it was separated; undefined when nothing helped.
 */
export function separated(
  document: Json,
  tried: Checked,
  check: Check,
  otherBranchFields = false,
): Checked | undefined {
  let current = tried;
  for (let change = 0; change < MAX_SEPARATING_CHANGES && current.overlaps.length > 0; change++) {
    const next = firstSeparation(document, current, check, otherBranchFields);
    if (!next) break;
    current = next;
  }
  return current === tried ? undefined : current;
}

/**
 * For the first overlap it can mend: one matched branch kept, each other matched branch given the first
 * change it refuses and the kept one accepts, all at once (one at a time, a branch that stops matching
 * adds its own problems while the `oneOf` still fails).
 */
function firstSeparation(
  document: Json,
  current: Checked,
  check: Check,
  otherBranchFields: boolean,
): Checked | undefined {
  for (const { at, branches, passing } of current.overlaps) {
    const dataOf = (value: unknown) => valueAt(value, at);
    const data = dataOf(current.value);
    if (typeof data !== "object" || data === null || Array.isArray(data)) continue;
    for (const keep of passing) {
      const keeps = checkerFor(document, branches[keep] as Json);
      let value = withoutOthersFields(document, current.value, dataOf, branches, keep);
      // Every other branch that accepts the value: Ajv names only the first two that match.
      for (const [other, branch] of branches.entries()) {
        if (other === keep) continue;
        const refuses = checkerFor(document, branch as Json);
        const before = dataOf(value) as Json;
        if (refuses(before).errors.length > 0) continue;
        const changes = changesAgainst(document, branches[keep], branch, before, otherBranchFields);
        for (const { path, apply } of changes) {
          const next = changed(value, [...at, ...path], apply);
          const nextData = dataOf(next);
          if (refuses(nextData).errors.length > 0 && keeps(nextData).errors.length === 0) {
            value = next;
            break;
          }
        }
      }
      if (value === current.value) continue;
      // Kept when nothing at or under this place is wrong any more (the validator may stop at its first
      // problem, so a count alone would not show the next overlap taking this one's place) and no more
      // problems are found than before.
      const result = check(value);
      const here = pointerOf(at);
      const within = (path: string) => path === here || path.startsWith(`${here}/`);
      if (
        !result.problems.some((problem) => within(problem.instancePath)) &&
        result.problems.length <= current.problems.length
      )
        return { value, ...result };
    }
  }
  return undefined;
}

/**
 * `value` without the fields at that place which only the other branches describe: a value made from
 * another branch and kept as this one would carry them, and the client's response validation would
 * report them (CDC's transports: an AS2 transport kept as the `NullTransport` every transport also
 * matches, with AS2's receiverId). Fields no branch describes (an enclosing allOf's) stay.
 */
function withoutOthersFields(
  document: Json,
  value: unknown,
  dataOf: (value: unknown) => unknown,
  branches: unknown[],
  keep: number,
): unknown {
  const keptNames = describedNames(document, inDocument(branches[keep]));
  const others = new Set<string>();
  for (const [index, branch] of branches.entries())
    if (index !== keep)
      for (const name of describedNames(document, inDocument(branch)))
        if (!keptNames.has(name)) others.add(name);
  const stray = Object.keys(dataOf(value) as Json).filter((name) => others.has(name));
  if (stray.length === 0) return value;
  const copy = structuredClone(value);
  const data = dataOf(copy) as Json;
  for (const name of stray) delete data[name];
  return copy;
}

type Change = { path: Step[]; apply: (parent: Json, key: Step) => void };

/**
 * The changes to `data` (an object) that `other` refuses and `kept` accepts: a field `other` requires and
 * `kept` does not, left out; a field both describe, given a value of `kept`'s that `other` refuses (one of
 * `kept`'s own enum members or const, or one of REFUSED_VALUES), else changed inside its object (or its
 * first item's) by the same rules, at most MAX_SEPARATING_DEPTH levels down; with `otherBranchFields`,
 * last, a field only `other` describes, given a value it refuses (see SampleOptions.otherBranchFields).
 */
function* changesAgainst(
  document: Json,
  kept: unknown,
  other: unknown,
  data: Json,
  otherBranchFields: boolean,
  depth = 0,
): Generator<Change> {
  const set = (name: string, value: unknown): Change => ({
    path: [name],
    apply: (parent, key) => {
      parent[key] = structuredClone(value);
    },
  });
  const keptRequired = requiredNames(document, kept);
  for (const name of requiredNames(document, other))
    if (!keptRequired.has(name) && Object.hasOwn(data, name))
      yield { path: [name], apply: (parent, key) => delete parent[key] };
  const keptProperties = new Map(propertiesOf(document, kept));
  const inside: [string, Json, Json][] = [];
  for (const [name, schema] of propertiesOf(document, other)) {
    const keptSchema = keptProperties.get(name);
    if (!keptSchema) continue;
    const resolved = resolveLocalRef(document, keptSchema);
    const own = [
      ...(Array.isArray(resolved?.enum) ? resolved.enum : []),
      ...(resolved && "const" in resolved ? [resolved.const] : []),
    ];
    const accepts = checkerFor(document, keptSchema);
    const refuses = checkerFor(document, schema);
    const value = [...own, ...REFUSED_VALUES].find(
      (candidate) => accepts(candidate).errors.length === 0 && refuses(candidate).errors.length > 0,
    );
    if (value !== undefined) yield set(name, value);
    else inside.push([name, keptSchema, schema]);
  }
  if (depth < MAX_SEPARATING_DEPTH)
    for (const [name, keptSchema, schema] of inside) {
      const field = data[name];
      // A list is told apart by its first item, judged by each side's `items`.
      const list = Array.isArray(field);
      const nested = list ? field[0] : field;
      if (typeof nested !== "object" || nested === null || Array.isArray(nested)) continue;
      const [keptPart, otherPart] = list
        ? [itemsOf(document, keptSchema), itemsOf(document, schema)]
        : [keptSchema, schema];
      if (keptPart === undefined || otherPart === undefined) continue;
      const prefix: Step[] = list ? [name, 0] : [name];
      for (const change of changesAgainst(
        document,
        keptPart,
        otherPart,
        nested as Json,
        otherBranchFields,
        depth + 1,
      ))
        yield { path: [...prefix, ...change.path], apply: change.apply };
    }
  if (!otherBranchFields) return;
  const keptNames = describedNames(document, inDocument(kept));
  for (const [name, schema] of propertiesOf(document, other)) {
    if (keptNames.has(name)) continue;
    const refuses = checkerFor(document, schema);
    const value = REFUSED_VALUES.find((candidate) => refuses(candidate).errors.length > 0);
    if (value !== undefined) yield set(name, value);
  }
}

/** An array schema's `items` (references followed), when it has one schema for every item. */
function itemsOf(document: Json, schema: unknown): Json | undefined {
  const items = resolveLocalRef(document, inDocument(schema))?.items;
  return typeof items === "object" && items !== null && !Array.isArray(items)
    ? (inDocument(items) as Json)
    : undefined;
}

/** A branch as the validator holds it, its references written as the document's own (`#/...`). */
function inDocument(branch: unknown): unknown {
  const ref = (branch as Json | null)?.$ref;
  return typeof ref === "string" && ref.startsWith(DOCUMENT_ID)
    ? { $ref: ref.slice(DOCUMENT_ID.length) }
    : branch;
}

/** The schema and the schemas its `allOf` composes, references followed: what every value must meet. */
function* allOfParts(document: Json, schema: unknown, seen = new Set<object>()): Generator<Json> {
  const resolved = resolveLocalRef(document, inDocument(schema));
  if (typeof resolved !== "object" || resolved === null || seen.has(resolved)) return;
  seen.add(resolved);
  yield resolved;
  if (Array.isArray(resolved.allOf))
    for (const part of resolved.allOf) yield* allOfParts(document, part, seen);
}

function requiredNames(document: Json, schema: unknown): Set<string> {
  const names = new Set<string>();
  for (const part of allOfParts(document, schema))
    if (Array.isArray(part.required)) for (const name of part.required) names.add(String(name));
  return names;
}

function propertiesOf(document: Json, schema: unknown): [string, Json][] {
  const found: [string, Json][] = [];
  for (const part of allOfParts(document, schema))
    if (typeof part.properties === "object" && part.properties !== null)
      for (const [name, property] of Object.entries(part.properties as Json))
        if (typeof property === "object" && property !== null)
          found.push([name, inDocument(property) as Json]);
  return found;
}
