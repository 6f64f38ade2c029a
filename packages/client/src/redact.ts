/** What logs and errors show instead of an API key: its first four characters, never more. */
export function redactKey(key: string): string {
  return key.length > 8 ? `${key.slice(0, 4)}…` : "…";
}

/** Removes every occurrence of the key from text that is about to leave the client (errors, logs). */
export function scrubKey(text: string, key: string): string {
  return key && text.includes(key) ? text.replaceAll(key, redactKey(key)) : text;
}

/** How deep scrubKeyDeep walks; a deeper body is refused (RangeError) rather than overflowing the stack. */
export const MAX_SCRUB_DEPTH = 200;

/**
 * Deep version of scrubKey for parsed bodies: walks strings, arrays and plain objects (keys included),
 * so a key with characters JSON escapes is found too. Returns the value itself when the key is absent.
 * Throws a RangeError past MAX_SCRUB_DEPTH levels: the caller keeps the scrubbed text instead.
 */
export function scrubKeyDeep<T>(value: T, key: string, depth = 0): T {
  if (typeof value === "string") return scrubKey(value, key) as T;
  if (typeof value !== "object" || value === null) return value;
  if (depth >= MAX_SCRUB_DEPTH) throw new RangeError(`nested deeper than ${MAX_SCRUB_DEPTH} levels`);
  let changed = false;
  const entries = Object.entries(value).map(([name, item]) => {
    const scrubbed = [scrubKey(name, key), scrubKeyDeep(item, key, depth + 1)] as const;
    changed ||= scrubbed[0] !== name || scrubbed[1] !== item;
    return scrubbed;
  });
  if (!changed) return value;
  return (Array.isArray(value) ? entries.map(([, item]) => item) : Object.fromEntries(entries)) as T;
}

/** Response headers with the key removed from every value (a server may echo request headers). */
export function scrubHeaders(headers: Headers, key: string): Headers {
  // forEach rather than iteration: the DOM.Iterable lib is not in every consumer's compiler settings.
  const entries: [string, string][] = [];
  headers.forEach((value, name) => {
    entries.push([name, value]);
  });
  if (!entries.some(([, value]) => value.includes(key))) return headers;
  // Header values must be Latin-1: "..." instead of the ellipsis character.
  const shown = redactKey(key).replace("…", "...");
  return new Headers(entries.map(([name, value]) => [name, value.replaceAll(key, shown)]));
}
