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

function typeOf(value: unknown): JsonType {
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as JsonType;
}

/**
 * Where `response` differs from what `plan` declares for it: an undeclared status or content type, then
 * the body's shape (required fields, types, nulls, enums, fields the spec does not name).
 */
export function checkResponse(plan: ResponsePlan, response: CheckedResponse): CheckResult {
  const walk = new ShapeWalk(plan.schemas);
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
    walk.visit(schema, response.body, false, []);
  return walk.result();
}

/** One walk of a body beside its schemas, keeping the path it is at (segments, and which are generic). */
class ShapeWalk {
  readonly #schemas: readonly ShapeNode[];
  #findings: DriftFinding[] = [];
  #steps = 0;
  #truncated = false;
  readonly #segments: string[] = [];
  readonly #generic: boolean[] = [];

  constructor(schemas: readonly ShapeNode[]) {
    this.#schemas = schemas;
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
    for (let i = 0; i < this.#segments.length; i++) {
      const segment = this.#segments[i] as string;
      const shown =
        segment.length > CHECK_LIMITS.maxSegmentLength
          ? `${segment.slice(0, CHECK_LIMITS.maxSegmentLength)}…`
          : segment;
      const escaped = shown.replaceAll("~", "~0").replaceAll("/", "~1");
      pointer += `/${escaped}`;
      location += this.#generic[i] ? "/*" : `/${escaped}`;
    }
    this.#findings.push({ problem, pointer, location, breaking, ...types });
  }

  #enter(segment: string, generic: boolean): void {
    this.#segments.push(segment);
    this.#generic.push(generic);
  }

  #leave(): void {
    this.#segments.pop();
    this.#generic.pop();
  }

  /**
   * Checks `value` against schema `index`. `quiet`: undeclared fields are for the enclosing schema to
   * judge (an allOf member sees only part of the object). `known`: property names enclosing schemas
   * declare, which are not extra here (a oneOf branch beside its parent's properties).
   */
  visit(index: number, value: unknown, quiet: boolean, known: readonly (readonly string[])[]): void {
    const node = this.#schemas[index];
    if (!node || this.#truncated) return;
    if (++this.#steps > CHECK_LIMITS.maxSteps || this.#segments.length > CHECK_LIMITS.maxDepth) {
      this.#truncated = true;
      return;
    }
    if (value === null) {
      if (node.nullable || node.enum?.includes(null)) return;
      // Without a type or enum, null is any value's business: the combinators below decide.
      if (node.type || node.enum) {
        this.report("unexpected-null", true);
        return;
      }
    } else {
      const actual = typeOf(value);
      if (node.type && !node.type.some((t) => t === actual || (t === "number" && actual === "integer"))) {
        this.report("wrong-type", true, { expected: node.type.join(" or "), actual });
        return;
      }
      if (node.enum && actual !== "object" && actual !== "array" && !node.enum.includes(value as string))
        this.report("unknown-enum-value", false);
    }
    for (const member of node.allOf ?? []) this.visit(member, value, true, []);
    if (Array.isArray(value)) {
      if (node.items !== undefined)
        for (let i = 0; i < value.length && !this.#truncated; i++) {
          this.#enter(String(i), true);
          this.visit(node.items, value[i], false, []);
          this.#leave();
        }
    } else if (typeof value === "object" && value !== null) {
      this.#object(node, value as Record<string, unknown>, quiet || node.oneOf !== undefined, known);
    }
    if (node.oneOf) this.#oneOf(node, value, known);
  }

  #object(
    node: ShapeNode,
    value: Record<string, unknown>,
    quiet: boolean,
    known: readonly (readonly string[])[],
  ) {
    const properties = node.properties ?? {};
    for (const name of node.required ?? []) {
      if (Object.hasOwn(value, name)) continue;
      this.#enter(name, false);
      this.report("missing-required", true);
      this.#leave();
    }
    const { names, closed, open } = quiet ? NO_EXTRAS : this.#declaredNames(node, known);
    for (const name of Object.keys(value)) {
      if (this.#truncated) return;
      if (Object.hasOwn(properties, name)) {
        this.#enter(name, false);
        this.visit(properties[name] as number, value[name], false, []);
        this.#leave();
      } else if (!quiet && !open && !names.has(name)) {
        if (typeof node.additional === "number") {
          this.#enter(name, true);
          this.visit(node.additional, value[name], false, []);
        } else {
          this.#enter(name, false);
          this.report("extra-field", closed);
        }
        this.#leave();
      }
    }
  }

  /** Property names this object may carry: its own, its allOf members', and those of enclosing schemas. */
  #declaredNames(node: ShapeNode, known: readonly (readonly string[])[]) {
    const names = new Set<string>(known.flat());
    let closed = node.additional === false;
    let open = node.additional === true;
    const seen = new Set<ShapeNode>();
    let declaresProperties = false;
    const add = (current: ShapeNode | undefined) => {
      if (!current || seen.has(current)) return;
      seen.add(current);
      if (current.properties) declaresProperties = true;
      for (const name of Object.keys(current.properties ?? {})) names.add(name);
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
  #oneOf(node: ShapeNode, value: unknown, known: readonly (readonly string[])[]): void {
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

const NO_EXTRAS = { names: new Set<string>(), closed: false, open: true };
