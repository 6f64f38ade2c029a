// Bodies that differ from the spec in one known way, for testing what a client does with drift: each is
// a valid value with one change (a required field removed, a type or null where the spec says otherwise,
// an unknown enum value, a field the spec does not declare) and the JSON pointer of the change.

import { changed, pointerOf, type Step } from "./json-pointer.js";
import { resolveLocalRef } from "./mock.js";
import type { Json } from "./refs.js";
import { validateValue } from "./value-check.js";

/** The kinds of drift a sample can carry (the client's DriftProblem names the same kinds). */
export type DriftKind =
  | "missing-required"
  | "wrong-type"
  | "unexpected-null"
  | "unknown-enum-value"
  | "extra-field";

export interface DriftSample {
  kind: DriftKind;
  /** JSON pointer of the change in `body`. */
  pointer: string;
  /**
   * Whether a client relying on the spec can break on it: an extra field or an unknown enum value is
   * additive, unless the spec closes the object (`additionalProperties: false`).
   */
  breaking: boolean;
  body: unknown;
}

/** The name of the field every extra-field sample adds. */
export const DRIFT_EXTRA_FIELD = "zzDriftExtraField";
/** The value every unknown-enum-value sample puts in place of a declared one. */
export const DRIFT_ENUM_VALUE = "zz-drift-unknown-value";

/** How deep samples reach into the body (levels of properties and first array items). */
const MAX_SAMPLE_DEPTH = 4;

/** A schema's own properties and required names, with those of its allOf members (undefined: it branches). */
function objectView(document: Json, schema: Json) {
  const properties = new Map<string, Json>();
  const required = new Set<string>();
  let open = true;
  let declares = false;
  const visit = (current: Json | undefined, depth: number): boolean => {
    if (!current || depth > 10) return true;
    if (current.oneOf || current.anyOf || current.not) return false;
    const own = current.properties as Json | undefined;
    if (own && typeof own === "object") {
      declares = true;
      for (const [name, property] of Object.entries(own))
        if (!properties.has(name)) properties.set(name, property as Json);
    }
    for (const name of Array.isArray(current.required) ? current.required : []) required.add(String(name));
    if (current.additionalProperties !== undefined || current.patternProperties !== undefined) open = false;
    return (Array.isArray(current.allOf) ? current.allOf : []).every((member: unknown) =>
      visit(resolveLocalRef(document, member), depth + 1),
    );
  };
  return visit(schema, 0) ? { properties, required, open: open && declares } : undefined;
}

/**
 * Drift samples of `value` (valid against `schema`, a schema object of `document`): one per place and
 * kind, reaching MAX_SAMPLE_DEPTH levels into objects and the first item of arrays, never into a
 * `oneOf`/`anyOf` (where a change can make the value fit another branch). A breaking sample is kept only
 * when the spec's own validator rejects it, so each one really is drift.
 */
export function driftSamples(document: Json, schema: Json, value: unknown): DriftSample[] {
  const samples: DriftSample[] = [];
  const add = (kind: DriftKind, path: Step[], breaking: boolean, body: unknown) => {
    if (breaking && validateValue(document, schema, body).length === 0) return;
    samples.push({ kind, pointer: pointerOf(path), breaking, body });
  };
  const walk = (rawSchema: unknown, current: unknown, path: Step[]) => {
    const node = resolveLocalRef(document, rawSchema);
    if (!node || path.length > MAX_SAMPLE_DEPTH) return;
    if (Array.isArray(current)) {
      if (current.length > 0 && node.items) walk(node.items, current[0], [...path, 0]);
      return;
    }
    if (typeof current !== "object" || current === null) return;
    const view = objectView(document, node);
    if (!view) return;
    const object = current as Json;
    for (const name of view.required) {
      if (Object.hasOwn(object, name))
        add(
          "missing-required",
          [...path, name],
          true,
          changed(value, [...path, name], (p, k) => delete p[k]),
        );
    }
    if (view.open && !Object.hasOwn(object, DRIFT_EXTRA_FIELD)) {
      const extraPath = [...path, DRIFT_EXTRA_FIELD];
      add(
        "extra-field",
        extraPath,
        false,
        changed(value, extraPath, (p, k) => (p[k] = 1)),
      );
    }
    for (const [name, rawProperty] of view.properties) {
      if (!Object.hasOwn(object, name)) continue;
      const property = resolveLocalRef(document, rawProperty);
      const at = [...path, name];
      const type = property?.type;
      if (property && typeof type === "string" && !property.oneOf && !property.anyOf && !property.allOf) {
        const other = type === "string" ? 12345 : "drift";
        add(
          "wrong-type",
          at,
          true,
          changed(value, at, (p, k) => (p[k] = other)),
        );
        if (property.nullable !== true)
          add(
            "unexpected-null",
            at,
            true,
            changed(value, at, (p, k) => (p[k] = null)),
          );
        if (type === "string" && Array.isArray(property.enum) && !property.enum.includes(DRIFT_ENUM_VALUE))
          add(
            "unknown-enum-value",
            at,
            false,
            changed(value, at, (p, k) => (p[k] = DRIFT_ENUM_VALUE)),
          );
      }
      walk(rawProperty, object[name], at);
    }
  };
  walk(schema, value, []);
  return samples;
}
