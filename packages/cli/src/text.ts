// How the CLI prints text it did not write (the spec's, a server's, a user's): the client's displayText,
// the one cleaning rule, on one line.
import { displayText } from "@ango-hub/client/text";

/**
 * Text from the spec, a server or the user for one line of terminal output: runs of whitespace (line
 * breaks included) become one space, then displayText escapes every control, line-separator and
 * bidirectional character that is left, and cuts at `max` characters.
 */
export function oneLine(value: string, max = 10_000): string {
  return displayText(value.replace(/\s+/g, " ").trim(), max);
}
