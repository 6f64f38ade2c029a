// The one way text that did not come from this project (a server's answer, the spec, a user's file)
// reaches a terminal or a report: every character a terminal or a text viewer would act on is shown as
// an escape instead, so such text can neither drive the terminal nor reorder or break what is shown.

/**
 * C0 controls (line breaks and tab included) and DEL, C1 controls (U+0085 NEL among them), the line and
 * paragraph separators, and the bidirectional marks, embeddings, overrides and isolates (Trojan Source).
 */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what is being escaped
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The same characters less C0 (which JSON.stringify escapes itself, and whose newlines indent its output). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escapeOf = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * `value` made safe to print: one line, with every control, line-separator and bidirectional character
 * written as a visible `\uXXXX` escape, and at most `max` characters (a cut never splits an escape or a
 * surrogate pair; it ends in `…`).
 */
export function displayText(value: string, max = 10_000): string {
  const shown = value.replace(UNSAFE, escapeOf);
  if (shown.length <= max) return shown;
  let end = Math.max(0, max - 1);
  // Do not cut inside an escape written above, nor between the halves of a surrogate pair.
  const escapeStart = shown.lastIndexOf("\\u", end);
  if (escapeStart !== -1 && escapeStart + 6 > end && /^\\u[0-9a-f]{4}/.test(shown.slice(escapeStart)))
    end = escapeStart;
  const code = shown.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${shown.slice(0, end)}…`;
}

/**
 * JSON text (JSON.stringify's output, indented or not) made safe to print with the same rule: the
 * characters displayText escapes become JSON escapes, which only occur inside strings there, so the
 * text stays the same JSON; U+2028, U+2029 and U+0085 no longer break a line for readers that split
 * on them (one NDJSON record stays one line).
 */
export function displayJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, escapeOf);
}
