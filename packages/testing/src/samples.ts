import { describedNames } from "./described-names.js";
import { changed, pointerOf, valueAt } from "./json-pointer.js";
import { separated, TWINNED_ONE_OF_BRANCHES, twinnedBranches } from "./one-of-overlaps.js";
import type { Json } from "./refs.js";
import { resolveLocalRef } from "./refs.js";
import { SUBSCHEMA, SUBSCHEMA_LIST, SUBSCHEMA_MAP } from "./schema-keywords.js";
import { type Check, checkerFor, type LengthMisfit } from "./value-check.js";

/**
 * How many values `sampleValue` generates before it gives up (or, when a required field was missing,
 * tries REQUIRED_ONLY_REF_DEPTH's few more). A schema that no generated value satisfies within these tries
 * (an `allOf` of a string and an integer, a required self-reference, `oneOf` branches that every value
 * matches together) has no value the mock can give.
 */
export const MAX_SAMPLE_ATTEMPTS = 24;

/** How many `$ref`s deep `sampleValue` follows a schema (deeper, json-schema-faker puts any value there). */
export const SAMPLE_REF_DEPTH = 6;

/**
 * The same, for the last tries, made after MAX_SAMPLE_ATTEMPTS have failed for a missing required field:
 * required fields only, one item per array. json-schema-faker counts every `$ref` on the way down, not
 * only recursion, so a required field can lie deeper than SAMPLE_REF_DEPTH in a schema that is not
 * recursive at all (VTEX's order list: every try left `stats.stats.totalValue` out). With required fields
 * alone and single items, a value grows with the depth, not as a power of it.
 */
export const REQUIRED_ONLY_REF_DEPTH = 24;

/** How many of those last tries per candidate schema (see candidatesOf). */
const REQUIRED_ONLY_TRIES = 2;

/**
 * The validator's words for what a value lost past the reference depth, the faults those last tries mend:
 * a required field left out, or an array whose items were left out (AWS Location's two-number positions).
 */
const CUT_AT_REF_DEPTH = /must have required property|must NOT have fewer than \d+ items/;

/**
 * The same, when every optional field is filled (one of sampleValue's orders of tries): each level then
 * holds every field, so a wide schema graph grows as its width to this power. At SAMPLE_REF_DEPTH, AWS
 * Kendra's request shapes filled a worker's 6 GB before one value was made.
 */
export const ALL_FIELDS_REF_DEPTH = 3;

/** How far past its one bound a number with only a minimum (or only a maximum) is drawn. */
const SAMPLE_NUMBER_SPAN = 1_000;

/** json-schema-faker's own range for a number with no bounds: -1000 to 1000. */
const FAKER_DEFAULT_BOUND = 1_000;

/** How many strings of one value `sampleValue` brings to their minLength or maxLength (see fitted). */
const MAX_FITTED_STRINGS = 32;

/** The longest string `sampleValue` makes where a schema allows longer (its minLength still holds). */
export const MAX_SAMPLE_STRING_LENGTH = 1_000;

/**
 * How far past its minLength a free string's length is drawn. json-schema-faker draws a length up to the
 * schema's maxLength and builds the string a character at a time before cutting it to
 * MAX_SAMPLE_STRING_LENGTH: AWS's `maxLength: 1000000` cost seconds per value.
 */
export const SAMPLE_STRING_SPAN = 64;

/**
 * Why no value was found, where a `oneOf`'s branches differ only in fields none requires, and no branch is
 * closed: every value then matches two of them unless it carries a field only another branch declares,
 * with a value that branch refuses (SampleOptions.otherBranchFields), which a response must not.
 */
export const ONLY_WITH_OTHER_BRANCH_FIELDS =
  "matches more than one branch of its oneOf unless it carries a field only another branch declares";

export interface SampleOptions {
  /** Makes the value reproducible. Default 1. */
  seed?: number;
  /**
   * Which optional properties the first tries fill in: `"some"` (default: about half), `"none"` or
   * `"all"`. Later tries use the others, since a value is sometimes only valid with fewer of them.
   */
  optionalFields?: "some" | "none" | "all";
  /** The most items generated per array. Default 3. */
  maxItems?: number;
  /** Strings and arrays at least one long where the schema allows any length (path segments, headers). */
  nonEmpty?: boolean;
  /**
   * Where a value matches two branches of a `oneOf` (their fields overlap and none is closed), it may get
   * a field only another branch declares, with a value that branch refuses, so that it matches one alone.
   * For a request body, which a server reads by its schema. Default false: in a response, the client's
   * response validation reports a field its branch does not declare as drift.
   */
  otherBranchFields?: boolean;
}

export interface Sample {
  value: unknown;
  /** Whether the value is valid against the schema (false only when no try gave a valid one). */
  valid: boolean;
  /** What the validator said of the last try, when no try was valid. */
  errors: string[];
}

// json-schema-faker is ESM only: loaded on first use, so this package's CommonJS build can require() the rest.
let faker: Promise<typeof import("json-schema-faker")> | undefined;
const loadFaker = () => {
  faker ??= import("json-schema-faker");
  return faker;
};

/**
 * The JSON Schema keywords json-schema-faker is given. It reads any other key of a schema without
 * `properties` as a required property (its inline-properties shorthand), so OpenAPI's own keywords
 * (`example`, `nullable`, `discriminator`, `xml`, `x-...`) would come back as fields no schema declares.
 * Its generator keywords (`faker`, `chance`, `jsonPath`, `template`) are left out too: a document's text
 * never chooses code to run.
 */
const FAKER_KEYWORDS = new Set([
  "$ref",
  "type",
  "enum",
  "const",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "contentEncoding",
  "contentMediaType",
  "items",
  "prefixItems",
  "contains",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minContains",
  "maxContains",
  "properties",
  "required",
  "additionalProperties",
  "patternProperties",
  "minProperties",
  "maxProperties",
  "propertyNames",
  "dependentRequired",
  "dependentSchemas",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  "if",
  "then",
  "else",
  "default",
  "examples",
  "readOnly",
  "writeOnly",
]);

/** forFaker's schemas, by the most items an array gets (see forFaker) and the schema they were made of. */
const forFakerCache = new Map<number, WeakMap<object, unknown>>();
const ANY_VALUE = {};
/** Every schema object forFaker made: an empty schema json-schema-faker hands itself is none of these. */
const fakerSchemas = new WeakSet<object>();

/**
 * Past refDepthMax, json-schema-faker makes a value of an empty schema of its own: a number where a
 * recursive field's array belongs, valid through another `anyOf` branch yet a field that branch does not
 * declare. Such a value is left out instead, as a field the sample did not fill.
 */
function pastRefDepth(value: unknown, schema: unknown, path: string): unknown {
  // The whole value is kept: json-schema-faker also merges an `anyOf` branch into an empty schema of its
  // own (a lone `nullable: true`), and an answer with no body is no answer at all.
  if (path === "/") return value;
  const standIn =
    typeof schema === "object" &&
    schema !== null &&
    !fakerSchemas.has(schema) &&
    Object.keys(schema).length === 0;
  return standIn ? undefined : value;
}

/**
 * `pattern` with each `\uXXXX` escape of printable ASCII written as the character (escaped where it is
 * not a letter or digit), and of a tab or line break as the character itself: json-schema-faker's string
 * generator reads `\u002F` as the text `u002F` outside a character class (AWS's ARN and certificate
 * patterns). An escaped backslash before a `u` is left alone.
 */
function withoutUnicodeEscapes(pattern: string): string {
  return pattern.replace(
    /(?<!\\)((?:\\\\)*)\\u([0-9A-Fa-f]{4})/g,
    (written, backslashes: string, hex: string) => {
      const code = Number.parseInt(hex, 16);
      if (code === 0x09 || code === 0x0a || code === 0x0d) return backslashes + String.fromCharCode(code);
      if (code < 0x20 || code > 0x7e) return written;
      const character = String.fromCharCode(code);
      return backslashes + (/[A-Za-z0-9]/.test(character) ? character : `\\${character}`);
    },
  );
}

/**
 * `pattern` without a leading `.*` (after an optional `^`) or a trailing `.*` (before an optional `$`).
 * A pattern is a search, so a string the rest matches matches the whole too; json-schema-faker fills
 * each `.*` with characters, and a string padded at both ends no cut can bring to an exact length (AWS
 * Clean Rooms' 36-character `.*<uuid>.*`). The value is still checked against the schema's own pattern.
 */
function withoutOpenEnds(pattern: string): string {
  const start = /^(\^?)\.\*(?![*+?{])/;
  // Not `\.*` (a literal dot, repeated): the `.` must not follow an odd run of backslashes.
  const end = /(?<!\\)((?:\\\\)*)\.\*(\$?)$/;
  const trimmed = pattern.replace(start, "$1").replace(end, "$1$2");
  // Nothing left (a pattern that was `.*` alone): the original, which allows any string, is kept.
  return /^\^?\$?$/.test(trimmed) ? pattern : trimmed;
}

/**
 * `schema` with only FAKER_KEYWORDS, in every schema position (property names and values untouched);
 * `document` resolves the references of the schemas it composes.
 */
function forFaker(schema: unknown, document: Json, itemCap: number): unknown {
  const again = (value: unknown) => forFaker(value, document, itemCap);
  // `true` allows any value: an empty schema of ours, told apart from the stand-in (pastRefDepth).
  if (schema === true) return again(ANY_VALUE);
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return schema;
  let cache = forFakerCache.get(itemCap);
  if (!cache) {
    cache = new WeakMap();
    forFakerCache.set(itemCap, cache);
  }
  const cached = cache.get(schema);
  if (cached !== undefined) return cached;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!FAKER_KEYWORDS.has(key)) continue;
    if (SUBSCHEMA.has(key)) out[key] = Array.isArray(value) ? value.map(again) : again(value);
    else if (SUBSCHEMA_LIST.has(key) && Array.isArray(value)) out[key] = value.map(again);
    else if (SUBSCHEMA_MAP.has(key) && typeof value === "object" && value !== null)
      out[key] = Object.fromEntries(Object.entries(value).map(([name, item]) => [name, again(item)]));
    else out[key] = value;
  }
  // OpenAPI's int32 and int64 formats are whole numbers; json-schema-faker makes fractions for a `number`.
  if (out.type === "number" && (out.format === "int32" || out.format === "int64")) out.type = "integer";
  // json-schema-faker pads a pattern's or a format's string to its length with any characters, which
  // breaks the pattern (`2010-12-10T02:31:07ZqC2WN` for a 25-character date-time): it is given the pattern
  // or format alone, and the validator's length errors are mended after (fitted, lengthenedInside).
  if (typeof out.pattern === "string" || typeof out.format === "string") {
    delete out.minLength;
    delete out.maxLength;
  }
  if (typeof out.pattern === "string") out.pattern = withoutOpenEnds(withoutUnicodeEscapes(out.pattern));
  // json-schema-faker meets a `minProperties` with made-up names (`prop45619`), fields the schema does not
  // declare: the first declared ones are asked for instead (a value with them is as valid).
  const declared = out.properties && typeof out.properties === "object" ? Object.keys(out.properties) : [];
  if (
    typeof out.minProperties === "number" &&
    declared.length > 0 &&
    out.additionalProperties === undefined
  ) {
    const required = new Set(Array.isArray(out.required) ? (out.required as string[]) : []);
    for (const name of declared) {
      if (required.size >= out.minProperties) break;
      required.add(name);
    }
    out.required = [...required];
  }
  // A required field the schema does not describe, here or in any schema it composes, is any value (or
  // its additionalProperties' value): said so in `properties`, since json-schema-faker makes it from an
  // empty schema of its own, which pastRefDepth cannot tell from the stand-in past the reference depth.
  // A field an `allOf` member, or every branch, describes is left to that description; one that only
  // some branches describe is made here too, since json-schema-faker takes one branch and would leave it out.
  if (Array.isArray(out.required) && out.additionalProperties !== false) {
    const described = describedNames(document, schema, "every");
    const undescribed = (out.required as unknown[]).filter(
      (name): name is string => typeof name === "string" && !described.has(name),
    );
    if (undescribed.length > 0) {
      const extra =
        typeof out.additionalProperties === "object" ? out.additionalProperties : again(ANY_VALUE);
      const own = out.properties && typeof out.properties === "object" ? (out.properties as Json) : {};
      out.properties = { ...own, ...Object.fromEntries(undescribed.map((name) => [name, extra])) };
    }
  }
  // json-schema-faker takes -1000 and 1000 for a bound not given, even beyond the one that is (`minimum:
  // 2012` gave 1348): there, the missing bound is set SAMPLE_NUMBER_SPAN beyond the given one.
  const lower = out.exclusiveMinimum ?? out.minimum;
  const upper = out.exclusiveMaximum ?? out.maximum;
  if (typeof lower === "number" && upper === undefined && lower >= FAKER_DEFAULT_BOUND)
    out.maximum = lower + SAMPLE_NUMBER_SPAN;
  if (typeof upper === "number" && lower === undefined && upper <= -FAKER_DEFAULT_BOUND)
    out.minimum = upper - SAMPLE_NUMBER_SPAN;
  // The validator's `url` format (an absolute URL) is one json-schema-faker does not know: its `uri` is one.
  if (out.format === "url") out.format = "uri";
  const floor = typeof out.minLength === "number" ? out.minLength : 0;
  if (typeof out.maxLength === "number" && out.maxLength > floor + SAMPLE_STRING_SPAN)
    out.maxLength = floor + SAMPLE_STRING_SPAN;
  // An array gets at most itemCap items, or its minItems where that is more. json-schema-faker's own
  // maxItems option wins over a schema's minItems when the schema has a maxItems too (a two-number
  // position got one number), so the cap is written into each schema instead.
  if (out.type === "array" || out.items !== undefined) {
    const least = typeof out.minItems === "number" ? out.minItems : 0;
    const most = Math.max(least, itemCap);
    out.maxItems = typeof out.maxItems === "number" ? Math.min(out.maxItems, most) : most;
  }
  cache.set(schema, out);
  fakerSchemas.add(out);
  return out;
}

/**
 * `value` with each string the validator found of the wrong length brought to its limit: one too short
 * lengthened by repeating its own last character at its end (or, failing that, its first at its start),
 * one too long cut at its end (or its start). json-schema-faker makes a pattern's strings without the
 * length (forFaker leaves the length out, as its own padding broke the pattern: GitHub's 40-character
 * hexadecimal `commit_sha`); a pattern not anchored at that end still matches. Undefined when nothing
 * changed.
 */
function fitted(value: unknown, misfits: LengthMisfit[], atStart: boolean): unknown {
  if (misfits.length === 0) return undefined;
  const copy = structuredClone(value);
  let changed = false;
  for (const { at, limit, over } of misfits) {
    const parent = valueAt(copy, at.slice(0, -1));
    const key = at.at(-1);
    const text = key === undefined ? copy : (parent as Json | undefined)?.[key];
    if (typeof text !== "string" || limit > MAX_SAMPLE_STRING_LENGTH) continue;
    const characters = [...text];
    let fit: string;
    if (over) fit = (atStart ? characters.slice(-limit) : characters.slice(0, limit)).join("");
    else {
      const fill = (text.at(atStart ? 0 : -1) ?? "a").repeat(limit - characters.length);
      fit = atStart ? fill + text : text + fill;
    }
    if (key === undefined) return fit;
    (parent as Json)[key] = fit;
    changed = true;
  }
  return changed ? copy : undefined;
}

/** How many places inside a too-short string `lengthenedInside` tries, counted from its end. */
const MAX_INSIDE_POSITIONS = 64;

/**
 * `tried` with each string the validator found too short lengthened inside (longerCandidates), the
 * first candidate that leaves no problem at that string kept. For strings whose ends are fixed, which fitted
 * cannot mend: Unicourt's 25-character `date-time` (json-schema-faker's `…:07Z` became `…:07.0000Z`), AWS AppSync's
 * `^arn:aws:appsync:[…]{0,63}:\d{12}:apis/[…]{26}$` at least 70 long. The value as far as it was
 * mended (it may still have other problems); undefined when a string found no candidate.
 */
function lengthenedInside(
  tried: { value: unknown } & ReturnType<Check>,
  check: Check,
): ({ value: unknown } & ReturnType<Check>) | undefined {
  let current = tried;
  // Each round mends every string the last check found too short (a value may hold hundreds: Unicourt's
  // cases each have their dates); a mended string may bring others to light, so rounds repeat.
  for (let round = 0; round < MAX_FITTED_STRINGS && current.errors.length > 0; round++) {
    const short = current.misfits.filter((m) => !m.over);
    if (short.length === 0) return current === tried ? undefined : current;
    for (const misfit of short) {
      if (misfit.limit > MAX_SAMPLE_STRING_LENGTH) return undefined;
      const text = valueAt(current.value, misfit.at);
      if (typeof text !== "string") return undefined;
      const pointer = pointerOf(misfit.at);
      let next: typeof current | undefined;
      for (const longer of longerCandidates(text, misfit.limit)) {
        const value = withStringAt(current.value, misfit.at, longer);
        const result = check(value);
        if (!result.problems.some((problem) => problem.instancePath === pointer)) {
          next = { value, ...result };
          break;
        }
      }
      if (!next) return undefined;
      current = next;
    }
  }
  return current;
}

/**
 * `text` brought to `length` characters inside: a date-time without a fraction of a second gets one
 * (`…:07Z` to `…:07.0000Z`; json-schema-faker writes none), then each place p from the end, at most
 * MAX_INSIDE_POSITIONS, gets the character before it repeated.
 */
function* longerCandidates(text: string, length: number): Generator<string> {
  const characters = [...text];
  const missing = length - characters.length;
  const dateTime = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(Z|[+-]\d\d:\d\d)$/i.exec(text);
  if (dateTime && missing >= 2) yield `${dateTime[1]}.${"0".repeat(missing - 1)}${dateTime[2]}`;
  for (let p = characters.length - 1; p >= 1 && p >= characters.length - MAX_INSIDE_POSITIONS; p--)
    yield characters.slice(0, p).join("") +
      (characters[p - 1] as string).repeat(missing) +
      characters.slice(p).join("");
}

/** A copy of `value` with `text` at `at` (JSON pointer segments; none: the value itself). */
function withStringAt(value: unknown, at: string[], text: string): unknown {
  return at.length === 0 ? text : changed(value, at, (parent, key) => (parent[key] = text));
}

/**
 * The schemas to generate from, in order: the schema itself, then, for a `oneOf`/`anyOf` without a
 * discriminator, each branch with the schema's other keywords. json-schema-faker mixes branches into one
 * value; a value made from one branch is the likeliest to match exactly one.
 */
function candidatesOf(document: Json, schema: Json): Json[] {
  const known = candidatesBySchema.get(schema);
  if (known) return known;
  const key = (["oneOf", "anyOf"] as const).find((name) => Array.isArray(schema[name]));
  let candidates = [schema];
  if (key !== undefined && !schema.discriminator) {
    const { [key]: branches, ...rest } = schema;
    candidates = [
      ...(branches as Json[]).map((branch) => ({
        allOf: [rest, resolveLocalRef(document, branch) ?? branch],
      })),
      schema,
    ];
  }
  candidatesBySchema.set(schema, candidates);
  return candidates;
}

/** By schema object: the same candidate objects each time, so their compiled checks are kept. */
const candidatesBySchema = new WeakMap<Json, Json[]>();

const FIELD_ORDERS = {
  some: ["some", "none", "all"],
  none: ["none", "some", "all"],
  all: ["all", "some", "none"],
} as const;
const OPTIONALS_PROBABILITY = { some: 0.5, none: 0, all: 1 } as const;

/**
 * A value of `schema` (a schema object of `document`, its references resolved against it) that the mock's
 * validator accepts: json-schema-faker's values, seeded, checked one by one until one is valid, at most
 * MAX_SAMPLE_ATTEMPTS of them, then a few with required fields alone (REQUIRED_ONLY_REF_DEPTH) when a
 * required field was missing. The mock answers with these; tests use them as request bodies.
 */
export async function sampleValue(
  document: Json,
  schema: Json,
  options: SampleOptions = {},
): Promise<Sample> {
  // The same document, schema and options always give the same sample: the mock answers an operation it
  // answered before without generating again (a failed search costs every try each time).
  const bySchema = samples.get(document) ?? new WeakMap<Json, Map<string, Sample>>();
  samples.set(document, bySchema);
  const byOptions = bySchema.get(schema) ?? new Map<string, Sample>();
  bySchema.set(schema, byOptions);
  const key = JSON.stringify([
    options.seed,
    options.optionalFields,
    options.maxItems,
    options.nonEmpty,
    options.otherBranchFields,
  ]);
  const sample = byOptions.get(key) ?? (await generatedSample(document, schema, options));
  byOptions.set(key, sample);
  // A copy each time: a caller may change the value it was given.
  return { ...sample, value: structuredClone(sample.value), errors: [...sample.errors] };
}

/** Every sample generated, by document, schema and options (sampleValue). */
const samples = new WeakMap<Json, WeakMap<Json, Map<string, Sample>>>();

async function generatedSample(document: Json, schema: Json, options: SampleOptions): Promise<Sample> {
  const { generateSync } = await loadFaker();
  const seed = options.seed ?? 1;
  const orders = FIELD_ORDERS[options.optionalFields ?? "some"];
  const candidates = candidatesOf(document, resolveLocalRef(document, schema) ?? schema);
  const wholeCheck = checkerFor(document, schema);
  let last: { value: unknown; errors: string[] } = { value: undefined, errors: [] };
  let onlyWithOtherFields: string | undefined;
  let twinnedAt: string | undefined;
  const attempts = MAX_SAMPLE_ATTEMPTS + REQUIRED_ONLY_TRIES * candidates.length;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const candidate = candidates[attempt % candidates.length] as Json;
    const deep = attempt >= MAX_SAMPLE_ATTEMPTS;
    // The last tries mend only fields left out past the reference depth: not tried for other faults.
    if (attempt === MAX_SAMPLE_ATTEMPTS && !last.errors.some((error) => CUT_AT_REF_DEPTH.test(error))) break;
    const fields = deep
      ? "none"
      : (orders[Math.floor(attempt / candidates.length) % orders.length] ?? "some");
    let refDepthMax = fields === "all" ? ALL_FIELDS_REF_DEPTH : SAMPLE_REF_DEPTH;
    if (deep) refDepthMax = REQUIRED_ONLY_REF_DEPTH;
    let value: unknown;
    try {
      const itemCap = fields === "all" || deep ? 1 : (options.maxItems ?? 3);
      value = generateSync(forFaker(candidate, document, itemCap) as never, {
        seed: seed + attempt,
        optionalsProbability: OPTIONALS_PROBABILITY[fields],
        alwaysFakeOptionals: fields === "all",
        // Arrays without a maxItems of their own get at most itemCap items (forFaker writes it in).
        maxDefaultItems: itemCap,
        // A string as long as a schema allows (10 MB, say) is a test value nobody needs.
        maxLength: MAX_SAMPLE_STRING_LENGTH,
        ...(options.nonEmpty ? { minItems: 1, minLength: 1 } : {}),
        // json-schema-faker counts every $ref on the way down, not only cycles, and puts an arbitrary
        // value past the limit: 3 broke GitHub's events (event > actor > user) into invalid values.
        refDepthMax,
        outputTransform: pastRefDepth as never,
        refResolver: (ref: string) =>
          forFaker(resolveLocalRef(document, { $ref: ref }), document, itemCap) as never,
      });
    } catch (error) {
      last = { value: undefined, errors: [error instanceof Error ? error.message : String(error)] };
      continue;
    }
    // A value made from one branch must be valid as that branch, not only as some other: valid through
    // another branch, it would carry fields the schema it is judged by does not declare.
    const branchCheck = candidate === candidates.at(-1) ? undefined : checkerFor(document, candidate);
    const check: Check = (tried) => {
      const whole = wholeCheck(tried);
      if (whole.errors.length > 0 || !branchCheck) return whole;
      return branchCheck(tried);
    };
    const first = { value, ...check(value) };
    let best = first;
    // The validator names one misfit string at a time: each is fitted in turn, at most this often.
    for (const atStart of [false, true]) {
      let tried = first;
      for (let round = 0; round < MAX_FITTED_STRINGS && tried.errors.length > 0; round++) {
        const fit = fitted(tried.value, tried.misfits, atStart);
        if (fit === undefined) break;
        tried = { value: fit, ...check(fit) };
      }
      if (tried.errors.length === 0) {
        best = tried;
        break;
      }
    }
    // Neither end takes more characters (a date-time's `Z`, a pattern anchored at both ends): a
    // character repeated inside the string instead.
    if (best.errors.length > 0) best = lengthenedInside(first, check) ?? best;
    // A value that matches two branches of a `oneOf`: changed until one of them refuses it.
    if (best.overlaps.length > 0) {
      const overlapping = best;
      best = separated(document, overlapping, check, options.otherBranchFields === true) ?? best;
      // Where only a field of another branch would tell the branches apart, the reason says so.
      if (best.errors.length > 0 && !options.otherBranchFields && onlyWithOtherFields === undefined)
        if (separated(document, overlapping, check, true)?.errors.length === 0)
          onlyWithOtherFields = `${pointerOf(overlapping.overlaps[0]?.at ?? []) || "body"} ${ONLY_WITH_OTHER_BRANCH_FIELDS}`;
      // Twin branches that accept the same values: no change could tell them apart, as the reason says.
      const twinned = best.overlaps.find(twinnedBranches);
      if (best.errors.length > 0 && twinned)
        twinnedAt = `${pointerOf(twinned.at) || "body"} ${TWINNED_ONE_OF_BRANCHES}`;
    }
    if (best.errors.length === 0) return { value: best.value, valid: true, errors: [] };
    // What still stands once the strings are mended, where that went further: the reason then names the
    // real obstacle (Unicourt's required fields past the reference depth, not its mended date-times).
    last = best === first ? { value, errors: first.errors } : { value: best.value, errors: best.errors };
  }
  const reason = twinnedAt ?? onlyWithOtherFields;
  return reason ? { ...last, errors: [reason], valid: false } : { ...last, valid: false };
}
