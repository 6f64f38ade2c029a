// The one way text from the document reaches generated source: names are checked identifiers or
// JSON-encoded keys, values are JSON-encoded, and comment text goes through commentText. Nothing from the
// document is ever pasted into source unescaped.
import { IDENTIFIER } from "@ango-hub/openapi-reader";
import ts from "typescript";

/** Line terminators JavaScript knows besides `\n`: a comment line must not contain one. */
const LINE_BREAKS = /\r\n?|\u2028|\u2029/g;
/** C0 and C1 control characters other than tab and newline, and DEL: shown as `\uXXXX` text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what is being replaced
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** An `@` that JSDoc would read as the start of a tag (at a line or word start, or inline after `{`). */
const TAG_START = /(^|[\s{])@/g;

/** Bidirectional controls reorder how text is shown (Trojan Source): shown as escapes too. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const hex = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * Document text made safe for a JSDoc comment: `*\/` cannot end it, control characters show as escapes,
 * every line break is a `\n`, and an `@` cannot start a tag (`\@`, which hovers render as `@`).
 */
export function commentText(text: string): string {
  return text
    .replace(LINE_BREAKS, "\n")
    .replace(CONTROL, hex)
    .replace(BIDI, hex)
    .replaceAll("*/", "*\\/")
    .replace(TAG_START, "$1\\@");
}

/** Text whose `@`s cannot start a JSDoc tag, for a tool that writes it into a comment itself. */
export function withoutTags(text: string): string {
  return text.replace(TAG_START, "$1\\@");
}

/**
 * A JSDoc block from paragraphs of document text (undefined ones are skipped), plus `@deprecated` when
 * asked; empty string when there is nothing to say. Paragraphs never add tags of their own.
 */
export function jsDoc(paragraphs: (string | undefined)[], tags: { deprecated?: boolean } = {}): string {
  const parts = paragraphs
    .filter((p): p is string => typeof p === "string" && p.trim() !== "")
    .map((p) => commentText(p.trim()));
  if (tags.deprecated) parts.push("@deprecated");
  const text = parts.join("\n\n");
  if (text === "") return "";
  return `/**\n${text
    .split("\n")
    .map((line) => (line === "" ? " *" : ` * ${line}`))
    .join("\n")}\n */\n`;
}

/**
 * Source with every token of `kind` (found with TypeScript's own scanner, so a comment is never taken
 * for a string or the reverse) replaced by `rewrite(tokenText)`.
 */
function rewriteTokens(source: string, kind: ts.SyntaxKind, rewrite: (text: string) => string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, source);
  let out = "";
  let last = 0;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token !== kind) continue;
    const start = scanner.getTokenStart();
    const text = scanner.getTokenText();
    out += source.slice(last, start) + rewrite(text);
    last = start + text.length;
  }
  return out + source.slice(last);
}

/**
 * Applies commentText's tag and control-character rules to every block comment of generated source
 * (openapi-typescript's, whose own tags are listed in `ownTags` and kept).
 */
export function escapeCommentTags(source: string, ownTags: readonly string[]): string {
  const own = new RegExp(`^@(?:${ownTags.join("|")})(?=[\\s{]|$)`);
  return rewriteTokens(source, ts.SyntaxKind.MultiLineCommentTrivia, (comment) => {
    const visible = comment.replace(CONTROL, hex).replace(BIDI, hex);
    // An item of openapi-typescript's starts the comment or a line (`\n<indent> * `); only there is a tag its own.
    return visible.replace(/(^\/\*\* |\n[ \t]* \* |[\s{])@/g, (match, lead: string, offset: number) =>
      (lead === "/** " || lead.startsWith("\n")) && own.test(visible.slice(offset + lead.length))
        ? match
        : `${lead}\\@`,
    );
  });
}

/**
 * `${` inside a string literal of generated source written `\u0024{`: the same string, which a reader (and
 * the linter's noTemplateCurlyInString) cannot take for a template that was meant to be filled in.
 */
export function escapeTemplateLookalikes(source: string): string {
  if (!source.includes("${")) return source;
  return rewriteTokens(source, ts.SyntaxKind.StringLiteral, (text) => text.replaceAll("${", "\\u0024{"));
}

/**
 * Document text for a message a person reads in a terminal, a pull request or a changeset: the client's
 * displayText rule (control characters, line breaks and bidirectional marks shown as escapes; the two are
 * kept equal by test/text.test.ts), backticks softened, and at most `max` characters.
 */
export function plainText(text: string, max = 200): string {
  const shown = text
    .replace(/[\t\n\r\u2028\u2029]/g, hex)
    .replace(CONTROL, hex)
    .replace(BIDI, hex)
    .replaceAll("`", "'");
  return shown.length > max ? `${shown.slice(0, max)}…` : shown;
}

/**
 * Document text an AI agent reads (a tool's title and descriptions): plainText's rule line by line, so
 * line breaks stay line breaks, and at most `max` characters.
 */
export function toolText(text: string, max: number): string {
  const shown = text
    .split(/\r\n?|\n|\u2028|\u2029/)
    .map((line) => plainText(line.trimEnd(), Number.POSITIVE_INFINITY))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return shown.length > max ? `${shown.slice(0, max)}…` : shown;
}

export function pascalCase(identifier: string): string {
  return identifier.charAt(0).toUpperCase() + identifier.slice(1);
}

export { IDENTIFIER };

/** An object key as TypeScript source: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) && name !== "__proto__" ? name : JSON.stringify(name);
}

export function generatedHeader(specLabel: string): string {
  return `// Generated by @ango-hub/codegen from ${specLabel}.\n// Do not edit: change the spec and run \`pnpm generate\`.\n\n`;
}

/** `object.name` when name is an identifier, `object["name"]` otherwise. */
export function propertyAccess(object: string, name: string): string {
  return IDENTIFIER.test(name) ? `${object}.${name}` : `${object}[${JSON.stringify(name)}]`;
}
