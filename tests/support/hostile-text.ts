// Text a hostile server, document or file may carry, and what must never reach a terminal raw: shared by
// the tests of the one cleaning rule (the client's displayText) and of every path that prints through it.

/** One of each character class a terminal or viewer acts on. */
export const HOSTILE_TEXT: readonly string[] = [
  "\u001b[31m", // ESC: colours, cursor moves
  "\u001b]0;owned\u0007", // OSC window title, BEL
  "\u009b31m", // C1 CSI
  "\u0085", // C1 NEL
  "\u202e", // right-to-left override
  "\u2066", // left-to-right isolate
  "\u061c", // Arabic letter mark
  "\u2028", // line separator
  "\u2029", // paragraph separator
  "\r\n\t",
  "\u007f",
];

/** Any character displayText escapes, line feed aside (a line of output ends with one). */
export const RAW_CONTROL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: what must never be printed raw
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
