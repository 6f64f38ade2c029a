// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * Text from the spec or a server for a terminal: control characters (escape sequences included, which a
 * terminal would act on) and line separators become spaces, on one line, at most `max` characters.
 */
export function plainText(value: string, max = 10_000): string {
  const flat = value.replace(CONTROL, " ").replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
