// Checks one response against its operation's plan (plan.ts): a walk over plain data, no compiled schema.
// It reports where the body and the spec disagree, by kind and JSON pointer; it never copies a value.
import type { JsonType, ResponsePlan, ShapeNode } from "./plan.js";

/** How a response differs from the spec. */
export type DriftProblem =
  | "missing-required"
  | "wrong-type"
  | "unexpected-null"
  | "unknown-enum-value"
  | "extra-field"
  | "undeclared-status"
  | "undeclared-content-type";

/** One difference between a response and the spec: its kind and place, never the value found there. */
export interface DriftFinding {
  problem: DriftProblem;
  /** JSON pointer into the body (`/data/batches/3/name`); "" is the whole body (or the response itself). */
  pointer: string;
  /** The pointer with every array index and map key as `*`: the same place in every item. */
  location: string;
  /**
   * Whether a client relying on the spec can break on it. Additive drift (an extra field, an unknown enum
   * value) is not breaking, unless the spec closes the object (`additionalProperties: false`).
   */
  breaking: boolean;
  /** For `wrong-type`: the JSON types the spec allows, e.g. `"integer"` or `"string or number"`. */
  expected?: string;
  /** For `wrong-type`: the JSON type found (a type name, not the value). */
  actual?: string;
}

/** Bounds of one check, so a hostile or huge answer costs a known amount of work. */
export const CHECK_LIMITS = {
  /** Nesting levels walked into a body; deeper parts are not checked. */
  maxDepth: 64,
  /** Findings kept per response; the check stops at this many. */
  maxFindings: 50,
  /** Schema visits per response (oneOf branches are tried one by one); the check stops after this many. */
  maxSteps: 200_000,
  /** Characters of one pointer segment kept (a property name can be as long as the server likes). */
  maxSegmentLength: 100,
} as const;

/** How findings are written. */
export interface CheckOptions {
  /**
   * Applied to each property name of the body before it becomes part of a pointer (and before a long one
   * is cut), e.g. to remove an API key a server echoed as a field name: no part of it can then survive.
   */
  scrub?: (segment: string) => string;
}

const keep = (segment: string) => segment;

/**
 * How a field literally named `*` is written in a location, where `*` alone means every item: no JSON
 * pointer segment holds `~` followed by anything but `0` or `1`, so this can only mean that field.
 */
export const LITERAL_STAR_SEGMENT = "~*";

/** What the check found, and whether it stopped at a limit before the end of the body. */
export interface CheckResult {
  findings: DriftFinding[];
  truncated: boolean;
}

/** What the check needs of the response. `body` is the parsed JSON, or undefined when it was not JSON. */
export interface CheckedResponse {
  status: number;
  contentType: string | null;
  body: unknown;
}

const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json$/;

/** The declared response for a status: exact (`404`), then its class (`4XX`), then `default`. */
function responseFor(plan: ResponsePlan, status: number) {
  const responses = plan.responses;
  const exact = String(status);
  const range = `${exact[0]}XX`;
  for (const key of [exact, range, range.toLowerCase(), "default"])
    if (Object.hasOwn(responses, key)) return responses[key];
  return undefined;
}

/** The declared media type a Content-Type matches (exact, `type/*`, `*\/*`), parameters ignored. */
function mediaTypeFor(content: Readonly<Record<string, number | null>>, contentType: string | null) {
  const essence = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  let wildcard: string | undefined;
  for (const declared of Object.keys(content)) {
    const declaredEssence = declared.split(";")[0]?.trim().toLowerCase() ?? "";
    if (declaredEssence === essence) return declared;
    if (
      declaredEssence === "*/*" ||
      (declaredEssence.endsWith("/*") && essence.startsWith(declaredEssence.slice(0, -1)))
    )
      wildcard ??= declared;
  }
  return wildcard;
}

/** Each JSON type as a bit; a node's `typeMask` has the bits of the types it allows (0: any). */
const TYPE_BITS: Readonly<Record<JsonType, number>> = {
  object: 1,
  array: 2,
  string: 4,
  number: 8,
  integer: 16,
  boolean: 32,
};

function typeMaskOf(types: readonly JsonType[] | undefined): number {
  let mask = 0;
  // An integer is a number too.
  for (const type of types ?? [])
    mask |= type === "number" ? TYPE_BITS.number | TYPE_BITS.integer : TYPE_BITS[type];
  return mask;
}

function typeOf(value: unknown): JsonType {
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as JsonType;
}

/**
 * Where `response` differs from what `plan` declares for it: an undeclared status or content type, then
 * the body's shape (required fields, types, nulls, enums, fields the spec does not name).
 */
export function checkResponse(
  plan: ResponsePlan,
  response: CheckedResponse,
  options: CheckOptions = {},
): CheckResult {
  const walk = new ShapeWalk(uniformNodes(plan), options.scrub ?? keep);
  const declared = responseFor(plan, response.status);
  if (!declared) {
    walk.report("undeclared-status", true);
    return walk.result();
  }
  const hasBody = response.body !== undefined || response.contentType !== null;
  if (!hasBody || Object.keys(declared.content).length === 0) return walk.result();
  const mediaType = mediaTypeFor(declared.content, response.contentType);
  if (mediaType === undefined) {
    walk.report("undeclared-content-type", true);
    return walk.result();
  }
  const schema = declared.content[mediaType];
  // The body was parsed as JSON only when it came as JSON (a declared `*/*` admits any type).
  const essence = (response.contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (typeof schema === "number" && response.body !== undefined && JSON_MEDIA_TYPE.test(essence))
    walk.visit(schema, response.body, false, NO_KNOWN);
  return walk.result();
}

/** Every field of a UniformNode present, in one order: the walker's reads then meet a single object shape. */
interface UniformNode {
  readonly type: ShapeNode["type"] | undefined;
  readonly nullable: ShapeNode["nullable"] | undefined;
  readonly enum: ShapeNode["enum"] | undefined;
  /** The enum's values as a set: a response of many values against a long enum costs one lookup each. */
  readonly enumValues: ReadonlySet<unknown> | undefined;
  readonly properties: ShapeNode["properties"] | undefined;
  readonly required: ShapeNode["required"] | undefined;
  readonly additional: ShapeNode["additional"] | undefined;
  readonly items: ShapeNode["items"] | undefined;
  readonly allOf: ShapeNode["allOf"] | undefined;
  readonly oneOf: ShapeNode["oneOf"] | undefined;
  readonly discriminator: ShapeNode["discriminator"] | undefined;
  /** The types allowed, as TYPE_BITS (0: any, or `type` absent). */
  readonly typeMask: number;
  /** The keys of `properties`, listed once. */
  readonly propertyNames: readonly string[];
}
/** By schema table: the operations' plans share one, which is made uniform once. */
const UNIFORM_NODES = new WeakMap<readonly ShapeNode[], UniformNode[]>();

/** The plan's nodes as objects of one shape (plans from JSON.parse have as many shapes as nodes). */
function uniformNodes(plan: ResponsePlan): UniformNode[] {
  let nodes = UNIFORM_NODES.get(plan.schemas);
  if (!nodes) {
    nodes = plan.schemas.map((node) => ({
      type: node.type,
      nullable: node.nullable,
      enum: node.enum,
      enumValues: node.enum ? new Set<unknown>(node.enum) : undefined,
      properties: node.properties,
      required: node.required,
      additional: node.additional,
      items: node.items,
      allOf: node.allOf,
      oneOf: node.oneOf,
      discriminator: node.discriminator,
      typeMask: typeMaskOf(node.type),
      propertyNames: Object.keys(node.properties ?? {}),
    }));
    UNIFORM_NODES.set(plan.schemas, nodes);
  }
  return nodes;
}

/** One walk of a body beside its schemas, keeping the path it is at (segments, and which are generic). */
class ShapeWalk {
  readonly #schemas: readonly UniformNode[];
  #findings: DriftFinding[] = [];
  #steps = 0;
  #truncated = false;
  /**
   * Property names and array indexes from the body's root to the value being checked, and which of them
   * are generic (an index, a map key): the first #depth entries count. Written in place, never resized.
   */
  readonly #segments: (string | number)[] = new Array(CHECK_LIMITS.maxDepth + 2).fill("");
  readonly #generic: boolean[] = new Array(CHECK_LIMITS.maxDepth + 2).fill(false);
  #depth = 0;

  readonly #scrub: (segment: string) => string;

  constructor(schemas: readonly UniformNode[], scrub: (segment: string) => string) {
    this.#schemas = schemas;
    this.#scrub = scrub;
  }

  result(): CheckResult {
    return { findings: this.#findings, truncated: this.#truncated };
  }

  report(problem: DriftProblem, breaking: boolean, types?: { expected: string; actual: string }): void {
    if (this.#findings.length >= CHECK_LIMITS.maxFindings) {
      this.#truncated = true;
      return;
    }
    let pointer = "";
    let location = "";
    for (let i = 0; i < this.#depth; i++) {
      const raw = this.#segments[i];
      // Scrubbed whole before it is cut, so a cut never leaves the start of something scrubbed away.
      const segment = typeof raw === "number" ? String(raw) : this.#scrub(raw as string);
      const shown =
        segment.length > CHECK_LIMITS.maxSegmentLength
          ? `${segment.slice(0, CHECK_LIMITS.maxSegmentLength)}…`
          : segment;
      const escaped = shown.replaceAll("~", "~0").replaceAll("/", "~1");
      pointer += `/${escaped}`;
      const literal = escaped === "*" ? LITERAL_STAR_SEGMENT : escaped;
      location += this.#generic[i] ? "/*" : `/${literal}`;
    }
    // One value judged by two descriptions (a property two allOf members declare) is one finding.
    if (this.#findings.some((f) => f.pointer === pointer && f.problem === problem)) return;
    this.#findings.push({ problem, pointer, location, breaking, ...types });
  }

  #enter(segment: string | number, generic: boolean): void {
    this.#segments[this.#depth] = segment;
    this.#generic[this.#depth] = generic;
    this.#depth++;
  }

  #leave(): void {
    this.#depth--;
  }

  /**
   * Checks `value` against schema `index`. `quiet`: undeclared fields are for the enclosing schema to
   * judge (an allOf member sees only part of the object). `known`: property names enclosing schemas
   * declare, which are not extra here (a oneOf branch beside its parent's properties).
   */
  visit(
    index: number,
    value: unknown,
    quiet: boolean,
    known: readonly (readonly string[])[],
    sharedNames?: SharedNames,
  ): void {
    const node = this.#schemas[index];
    if (!node || this.#truncated) return;
    if (++this.#steps > CHECK_LIMITS.maxSteps || this.#depth > CHECK_LIMITS.maxDepth) {
      this.#truncated = true;
      return;
    }
    if (value === null) {
      if (node.nullable || node.enumValues?.has(null)) return;
      // Without a type or enum, null is any value's business: the combinators below decide.
      if (node.type || node.enum) {
        this.report("unexpected-null", true);
        return;
      }
    } else {
      const actual = typeOf(value);
      if (node.typeMask !== 0 && (node.typeMask & TYPE_BITS[actual]) === 0) {
        this.report("wrong-type", true, { expected: (node.type ?? []).join(" or "), actual });
        return;
      }
      if (node.enum && actual !== "object" && actual !== "array" && !node.enumValues?.has(value))
        this.report("unknown-enum-value", false);
    }
    const isObject = typeof value === "object" && value !== null && !Array.isArray(value);
    // A property two allOf members both describe (a base's `build` narrowed or extended by another)
    // may carry what either declares: each member's look at it knows the others' names.
    const shared = sharedNames ?? (node.allOf && isObject ? this.#sharedNames(node) : undefined);
    // A oneOf inside an allOf member (a base and its variants) judges the whole object's fields, as the
    // object's own oneOf would: its branches know every name the object and its members declare, and
    // the object itself reports none extra (IntelliFi's spot sets: `type` is declared by each variant).
    const memberKnown =
      isObject && node.allOf && this.#hasOneOfMember(node)
        ? [...known, [...this.#declaredNames(node, NO_KNOWN).names]]
        : NO_KNOWN;
    if (node.allOf) for (const member of node.allOf) this.visit(member, value, true, memberKnown, shared);
    if (Array.isArray(value)) {
      if (node.items !== undefined)
        for (let i = 0; i < value.length && !this.#truncated; i++) {
          this.#enter(i, true);
          this.visit(node.items, value[i], false, NO_KNOWN);
          this.#leave();
        }
    } else if (isObject) {
      const judgedByBranches = node.oneOf !== undefined || memberKnown !== NO_KNOWN;
      this.#object(node, value as Record<string, unknown>, quiet || judgedByBranches, known, shared);
    }
    if (node.oneOf) this.#oneOf(node, value, known);
  }

  #object(
    node: UniformNode,
    value: Record<string, unknown>,
    quiet: boolean,
    known: readonly (readonly string[])[],
    shared: SharedNames | undefined,
  ) {
    const properties = node.properties ?? NO_PROPERTIES;
    if (node.required)
      for (const name of node.required) {
        if (Object.hasOwn(value, name)) continue;
        this.#enter(name, false);
        this.report("missing-required", true);
        this.#leave();
      }
    // Declared properties first, from the plan's own list: no array of the body's keys is made for an
    // object that has no others, which is most of them.
    let present = 0;
    for (const name of node.propertyNames) {
      if (!Object.hasOwn(value, name)) continue;
      present++;
      this.#enter(name, false);
      const others = shared?.get(name);
      this.visit(properties[name] as number, value[name], false, others ? [others] : NO_KNOWN);
      this.#leave();
      if (this.#truncated) return;
    }
    if (quiet) return;
    const { names, closed, open } = this.#declaredNames(node, known);
    if (open) return;
    let total = 0;
    for (const name in value) if (Object.hasOwn(value, name)) total++;
    if (total === present) return;
    for (const name of Object.keys(value)) {
      if (this.#truncated) return;
      // A name the schema requires is declared, even where `properties` does not describe it.
      if (Object.hasOwn(properties, name) || names.has(name) || node.required?.includes(name)) continue;
      if (typeof node.additional === "number") {
        this.#enter(name, true);
        this.visit(node.additional, value[name], false, NO_KNOWN);
      } else {
        this.#enter(name, false);
        this.report("extra-field", closed);
      }
      this.#leave();
    }
  }

  /** Whether one of `node`'s allOf members, at any depth, has a oneOf. Worked out once per node. */
  #hasOneOfMember(node: UniformNode, seen = new Set<UniformNode>()): boolean {
    const known = HAS_ONE_OF_MEMBER.get(node);
    if (known !== undefined) return known;
    seen.add(node);
    let found = false;
    for (const index of node.allOf ?? []) {
      const member = this.#schemas[index];
      if (!member || seen.has(member)) continue;
      if (member.oneOf !== undefined || this.#hasOneOfMember(member, seen)) {
        found = true;
        break;
      }
    }
    HAS_ONE_OF_MEMBER.set(node, found);
    return found;
  }

  /**
   * For each property that more than one of `node` and its allOf members (at any depth) describes, every
   * name those descriptions declare between them. Worked out once per node.
   */
  #sharedNames(node: UniformNode): SharedNames {
    const shared = SHARED_NAMES.get(node);
    if (shared) return shared;
    const declarations = new Map<string, number[]>();
    const seen = new Set<UniformNode>();
    const collect = (current: UniformNode | undefined) => {
      if (!current || seen.has(current)) return;
      seen.add(current);
      for (const name of current.propertyNames) {
        const index = current.properties?.[name] as number;
        declarations.set(name, [...(declarations.get(name) ?? []), index]);
      }
      for (const member of current.allOf ?? []) collect(this.#schemas[member]);
    };
    collect(node);
    const found = new Map<string, readonly string[]>();
    for (const [name, indexes] of declarations) {
      if (new Set(indexes).size < 2) continue;
      const names = new Set<string>();
      for (const index of indexes) {
        const declared = this.#schemas[index];
        if (declared) for (const n of this.#declaredNames(declared, NO_KNOWN).names) names.add(n);
      }
      found.set(name, [...names]);
    }
    SHARED_NAMES.set(node, found);
    return found;
  }

  /** Property names this object may carry: its own, its allOf members', and those of enclosing schemas. */
  #declaredNames(node: UniformNode, known: readonly (readonly string[])[]): DeclaredNames {
    // Most objects have no enclosing oneOf: their answer depends on the schema alone, so it is kept.
    if (known.length === 0) {
      let declared = DECLARED_NAMES.get(node);
      if (!declared) {
        declared = this.#collectNames(node, known);
        DECLARED_NAMES.set(node, declared);
      }
      return declared;
    }
    return this.#collectNames(node, known);
  }

  #collectNames(node: UniformNode, known: readonly (readonly string[])[]): DeclaredNames {
    const names = new Set<string>(known.flat());
    let closed = node.additional === false;
    let open = node.additional === true;
    const seen = new Set<UniformNode>();
    let declaresProperties = false;
    const add = (current: UniformNode | undefined) => {
      if (!current || seen.has(current)) return;
      seen.add(current);
      // `properties: {}` names none (CallFire's list items): the object is free-form all the same.
      if (current.propertyNames.length > 0) declaresProperties = true;
      for (const name of Object.keys(current.properties ?? {})) names.add(name);
      // A name the schema requires is one it knows, described or not (turbinelabs' ListenerCreate
      // requires `host` and describes no such property).
      for (const name of current.required ?? []) names.add(name);
      if (current !== node) {
        closed ||= current.additional === false;
        open ||= current.additional === true;
      }
      for (const member of current.allOf ?? []) add(this.#schemas[member]);
    };
    add(node);
    // An object schema that names no property at all is a free-form object, not a shape to drift from.
    if (!declaresProperties && typeof node.additional !== "number" && !closed) open = true;
    return { names, closed, open };
  }

  /** Judges the value against the oneOf branch its discriminator names, else the branch it fits best. */
  #oneOf(node: UniformNode, value: unknown, known: readonly (readonly string[])[]): void {
    const branches = node.oneOf ?? [];
    const inherited =
      typeof value === "object" && value !== null && !Array.isArray(value)
        ? [...known, [...this.#declaredNames(node, []).names]]
        : known;
    const discriminator = node.discriminator;
    if (discriminator && typeof value === "object" && value !== null && !Array.isArray(value)) {
      const tag = (value as Record<string, unknown>)[discriminator.property];
      if (typeof tag === "string" && Object.hasOwn(discriminator.mapping, tag)) {
        const branch = branches[discriminator.mapping[tag] as number];
        if (branch !== undefined) {
          this.visit(branch, value, false, inherited);
          return;
        }
      }
    }
    let best: DriftFinding[] | undefined;
    let bestScore = Number.POSITIVE_INFINITY;
    const start = this.#findings.length;
    for (const branch of branches) {
      this.visit(branch, value, false, inherited);
      const found = this.#findings.splice(start);
      this.#truncated &&= this.#steps > CHECK_LIMITS.maxSteps;
      const score = found.filter((f) => f.breaking).length * 1_000 + found.length;
      if (score < bestScore) {
        best = found;
        bestScore = score;
      }
      if (score === 0) break;
    }
    for (const finding of best ?? []) {
      if (this.#findings.length >= CHECK_LIMITS.maxFindings) {
        this.#truncated = true;
        break;
      }
      this.#findings.push(finding);
    }
  }
}

const NO_KNOWN: readonly (readonly string[])[] = [];
const NO_PROPERTIES: Readonly<Record<string, number>> = {};

interface DeclaredNames {
  names: ReadonlySet<string>;
  closed: boolean;
  open: boolean;
}

/** By schema node (see #hasOneOfMember). */
const HAS_ONE_OF_MEMBER = new WeakMap<UniformNode, boolean>();

/** By schema node: plans never change once loaded, so this is worked out once per node. */
const DECLARED_NAMES = new WeakMap<UniformNode, DeclaredNames>();

/** Property name -> every name its several allOf descriptions declare (#sharedNames). */
type SharedNames = ReadonlyMap<string, readonly string[]>;
const SHARED_NAMES = new WeakMap<UniformNode, SharedNames>();
