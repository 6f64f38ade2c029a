// What each operation is called in generated code: derived from the operationId (or method and path),
// never a name the client object or the operations module already uses, never two alike.
import { HTTP_METHODS, type HttpMethod } from "./operations.js";
import { isObject, type Json, resolveLocalRef } from "./refs.js";

/** What a JavaScript identifier may look like here (ASCII only, so no look-alike characters). */
export const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Members of the client object an operation method may not shadow: the runtime's own (`baseUrl`, `call`, `driftReport`,
 * and `toString`/`toJSON`, which keep the key redacted; checked against AngoRuntime in
 * corpus-tests/test/reserved-names.test.ts), the promise protocol (a `then` would make the client
 * thenable) and Object.prototype's.
 */
export const CLIENT_MEMBER_NAMES: readonly string[] = [
  "baseUrl",
  "call",
  "driftReport",
  "then",
  "catch",
  "finally",
  "constructor",
  "toString",
  "toJSON",
  "toLocaleString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "__proto__",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
];

/** Names a generated operation may not take: client members and the words JavaScript reserves. */
export const RESERVED_OPERATION_NAMES = new Set([
  ...CLIENT_MEMBER_NAMES,
  ..."break case class const continue debugger default delete do else enum export extends false for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await arguments eval undefined NaN Infinity".split(
    " ",
  ),
]);

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

function camelCase(parts: string[]): string {
  const name = parts
    .map((word, index) =>
      index === 0
        ? word.charAt(0).toLowerCase() + word.slice(1)
        : word.charAt(0).toUpperCase() + word.slice(1),
    )
    .join("");
  return /^[0-9]/.test(name) ? `op${name.charAt(0).toUpperCase()}${name.slice(1)}` : name;
}

/**
 * `updateProjectBatches` -> `update-project-batches`; `status[eq]` -> `status-eq`: a name's words in
 * lower case, joined by `-`. A CLI command and flag, and any other kebab-case surface, is this of a name.
 */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase();
}

/**
 * Whether an operationId is used as it is: an identifier that is not reserved and has a letter or digit
 * (`_` and `$` are identifiers, but would give an empty command).
 */
export function usableOperationId(operationId: string | undefined): operationId is string {
  return (
    operationId !== undefined &&
    IDENTIFIER.test(operationId) &&
    !RESERVED_OPERATION_NAMES.has(operationId) &&
    kebabCase(operationId) !== ""
  );
}

/**
 * The generated name of an operation. An operationId that is an identifier is used as it is. Another
 * operationId is camel-cased from its words (`games.achievements.resetAll` -> `gamesAchievementsResetAll`).
 * Without one, or with one of no letters or digits (`_`, `$`), the name is the method and the path's
 * words, parameters as `By<Name>` (`GET /projects/{projectId}/tasks` -> `getProjectsByProjectIdTasks`).
 * A name the client reserves gets the method in front (`then` -> `getThen`). Clashes are settled in
 * settleNameClashes.
 */
export function operationName(operationId: string | undefined, method: HttpMethod, path: string): string {
  let name: string;
  if (operationId !== undefined && IDENTIFIER.test(operationId) && kebabCase(operationId) !== "")
    name = operationId;
  else if (operationId !== undefined && words(operationId).length > 0) name = camelCase(words(operationId));
  else {
    const segments = path
      .split("/")
      .filter(Boolean)
      .flatMap((segment) => {
        const param = /^\{(.+)\}$/.exec(segment);
        return param ? ["By", ...words(param[1] as string)] : words(segment);
      });
    name = camelCase([method, ...segments]);
  }
  if (RESERVED_OPERATION_NAMES.has(name)) name = camelCase([method, ...words(name)]);
  return name;
}

/**
 * Names the operations file declares or imports besides the per-operation ones (emit-operations.ts): an
 * operation may not take them, or the module would not compile.
 */
export const GENERATED_MODULE_NAMES = [
  "paths",
  "AngoPromise",
  "CallOptions",
  "OperationDescriptor",
  "OperationRunner",
  "PageOptions",
  "paginate",
  "styledParams",
  "jsonBody",
  "multipartBody",
  "formBody",
  "textBody",
  "binaryBody",
  "operationDescriptors",
  "BoundOperations",
  "bindOperations",
  // The parameter names of the generated functions and binders: an operation of that name would be shadowed.
  "runner",
  "input",
  "options",
];

/**
 * What a name claims in every output generated from it: each identifier the operations file exports per
 * operation (compared without case: files and some tools ignore it), and its kebab-case form (the CLI's
 * command, which folds case and separators: `getItem` and `get_item` are both `get-item`).
 */
export function nameClaims(name: string): string[] {
  const pascal = name.charAt(0).toUpperCase() + name.slice(1);
  return [
    ...[
      name,
      `${name}Operation`,
      `${pascal}Input`,
      `${pascal}Result`,
      `${pascal}ErrorBody`,
      `${pascal}Item`,
      `iterate${pascal}`,
    ].map((identifier) => identifier.toLowerCase()),
    `kebab:${kebabCase(name)}`,
  ];
}

/**
 * The one rule for clashes, in every output (functions, types, CLI commands): an operation whose name
 * claims anything (nameClaims) an earlier one claims gets the lowest free numeric suffix (`get_item` ->
 * `get_item2`, command `get-item2`), in the order given (sortForNaming: by name in code-unit order, then
 * path, then method, so the result is the same on every machine). No operation is dropped or replaced.
 * `renamed` hears of each change, so the codegen can say so.
 */
export function settleNameClashes<T extends { name: string }>(
  operations: T[],
  renamed: (operation: T, from: string) => void = () => {},
): void {
  const taken = new Set(GENERATED_MODULE_NAMES.map((n) => n.toLowerCase()));
  for (const op of operations) {
    let name = op.name;
    for (let suffix = 2; nameClaims(name).some((claim) => taken.has(claim)); suffix++)
      name = `${op.name}${suffix}`;
    if (name !== op.name) {
      const from = op.name;
      op.name = name;
      renamed(op, from);
    }
    for (const claim of nameClaims(name)) taken.add(claim);
  }
}

/** The order operations are named in: by derived name, then path, then method, in code-unit order. */
export function sortForNaming<T extends { name: string; path: string; method: string }>(
  operations: T[],
): T[] {
  return operations.sort(
    (a, b) =>
      compareCodeUnits(a.name, b.name) ||
      compareCodeUnits(a.path, b.path) ||
      compareCodeUnits(a.method, b.method),
  );
}

/**
 * The name every operation of `document` gets in generated code, by `METHOD path` (upper-case method):
 * operationName, then the clashes settled in sortForNaming's order, as the codegen names them. The mock
 * and the tests name operations with this, so a call is reported under its function's name.
 */
export function operationNames(document: Json): Map<string, string> {
  const operations: { name: string; path: string; method: HttpMethod }[] = [];
  for (const [path, raw] of Object.entries(isObject(document.paths) ? document.paths : {})) {
    const item = resolveLocalRef(document, raw);
    for (const method of HTTP_METHODS) {
      const operation = item?.[method];
      if (!isObject(operation)) continue;
      const operationId = typeof operation.operationId === "string" ? operation.operationId : undefined;
      operations.push({ name: operationName(operationId, method, path), path, method });
    }
  }
  settleNameClashes(sortForNaming(operations));
  return new Map(operations.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op.name]));
}

/** Plain string order by UTF-16 code units (the same on every machine, unlike a locale's). */
export function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
