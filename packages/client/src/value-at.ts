/**
 * The value at `path` (property names) in `value`, own properties only: a field named `constructor`
 * must not read Object.prototype's. Undefined where the path breaks off.
 */
export function valueAt(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== "object" || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
