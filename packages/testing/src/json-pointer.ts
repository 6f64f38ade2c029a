import type { Json } from "./refs.js";

/** One step into a JSON value: a property name or an array index. */
export type Step = string | number;

/** The JSON pointer (RFC 6901) of `path`: `""` for the whole value. */
export const pointerOf = (path: readonly Step[]): string =>
  path.map((step) => `/${String(step).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");

/** `pointer`'s steps, unescaped (pointerOf's inverse). */
export const pointerSegments = (pointer: string): string[] =>
  pointer === ""
    ? []
    : pointer
        .slice(1)
        .split("/")
        .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));

/** The value at `path` inside `root`; undefined where a step finds nothing. */
export const valueAt = (root: unknown, path: readonly Step[]): unknown =>
  path.reduce<unknown>((node, step) => (node as Json | undefined)?.[step], root);

/** A copy of `root` with `change` applied to the object or array holding the last step of `path`. */
export function changed(
  root: unknown,
  path: readonly Step[],
  change: (parent: Json, key: Step) => void,
): unknown {
  const copy = structuredClone(root);
  let parent = copy as Json;
  for (const step of path.slice(0, -1)) parent = parent[step] as Json;
  change(parent, path[path.length - 1] as Step);
  return copy;
}
