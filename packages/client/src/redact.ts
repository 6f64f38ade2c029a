/** What logs and errors show instead of an API key: its first four characters, never more. */
export function redactKey(key: string): string {
  return key.length > 8 ? `${key.slice(0, 4)}…` : "…";
}

/** `text` with every occurrence of `find` replaced by `by`, literally (no `$&`-style patterns). */
function replaceLiterally(text: string, find: string, by: string): string {
  return text.split(find).join(by);
}

/** Percent-escapes with lower-case hex digits, as some servers write them. */
const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (percent) => percent.toLowerCase());

/**
 * Every way the key can be written in text the client passes on: as it is, JSON-string escaped, as a
 * JSON pointer segment (`~0`, `~1`), percent-encoded (URL path or query, form encoding; upper- and
 * lower-case hex). Longest first, so a longer form is replaced before a shorter one inside it.
 */
export function keyForms(key: string): readonly string[] {
  if (!key) return [];
  if (lastForms?.key === key) return lastForms.forms;
  const forms = new Set<string>([
    key,
    JSON.stringify(key).slice(1, -1),
    key.replaceAll("~", "~0").replaceAll("/", "~1"),
  ]);
  for (const encoded of [
    encodeURIComponent(key),
    encodeURI(key),
    new URLSearchParams({ k: key }).toString().slice(2),
  ])
    forms.add(encoded).add(lowerHex(encoded));
  lastForms = { key, forms: [...forms].sort((a, b) => b.length - a.length) };
  return lastForms.forms;
}
/** A client has one key: its forms are worked out once, not for every string of every body scrubbed. */
let lastForms: { key: string; forms: readonly string[] } | undefined;

/**
 * Removes every occurrence of the key, in every form keyForms lists, from text that is about to leave the
 * client (errors, logs, drift pointers). A literal replacement: it holds for a key of any characters.
 */
export function scrubKey(text: string, key: string): string {
  if (!key) return text;
  const shown = redactKey(key);
  let result = text;
  for (const form of keyForms(key)) if (result.includes(form)) result = replaceLiterally(result, form, shown);
  return result;
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
  const forms = keyForms(key);
  if (!entries.some(([, value]) => forms.some((form) => value.includes(form)))) return headers;
  // Header values must be Latin-1: "..." instead of the ellipsis character.
  const shown = redactKey(key).replace("…", "...");
  return new Headers(
    entries.map(([name, value]): [string, string] => [
      name,
      forms.reduce((text, form) => replaceLiterally(text, form, shown), value),
    ]),
  );
}
