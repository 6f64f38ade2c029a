import {
  type ApiModel,
  type BodyEncoding,
  GENERATED_MODULE_NAMES,
  isJsonMediaType,
  type OperationModel,
} from "./model.js";
import { IDENTIFIER, jsDoc, pascalCase, propertyAccess, propertyKey } from "./text.js";

export interface OperationsEmitOptions {
  /** Module that exports `paths` (the generated types package). */
  typesModule: string;
  /** Folder (relative to the generated file) holding the runtime's contract module (`contract.js`). */
  runtimeDir: string;
  /**
   * One module that exports everything generated code uses of the runtime (`@ango-hub/client/contract`),
   * for a client generated outside the client package; when given, runtimeDir is not used.
   */
  runtimeModule?: string | undefined;
  /**
   * Each operation's response plan key (its file under the responses folder, which the plan index
   * maps to the plan), by operation name; a descriptor names its key. Omit it to generate none.
   */
  responsePlanKeys?: ReadonlyMap<string, string>;
}

/** Input fields that are not path parameters; a path parameter with one of these names gets a `Path` suffix. */
const GROUP_KEYS: Record<string, string> = { query: "query", header: "headers", cookie: "cookies" };
const RESERVED_INPUT_KEYS = new Set(["body", ...Object.values(GROUP_KEYS)]);

/** The input field a path parameter is read from. */
function pathInputKey(name: string): string {
  return RESERVED_INPUT_KEYS.has(name) ? `${name}Path` : name;
}

/** The operation's type in `paths`, readable on hover as the path and method it is. */
function opType(op: OperationModel): string {
  return `paths[${JSON.stringify(op.path)}][${JSON.stringify(op.method)}]`;
}

/**
 * The exported name of a component schema for use in this module's signatures (`BatchUpdateRequest`), or
 * undefined: no such schema, or its name is taken by something this module declares itself.
 */
type SchemaNames = (schemaName: string | undefined) => string | undefined;

/** What each body encoding accepts besides the spec's own shape. */
function bodyType(op: OperationModel, named: SchemaNames): string | undefined {
  const body = op.requestBody;
  if (!body) return undefined;
  const specShape =
    named(body.schemaName) ??
    `NonNullable<${opType(op)}["requestBody"]>["content"][${JSON.stringify(body.mediaType)}]`;
  switch (body.encoding) {
    case "multipart":
      return `${specShape} | FormData`;
    case "form":
      return `${specShape} | URLSearchParams`;
    case "binary":
      return "Blob | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array> | string";
    case "text":
      return "string";
    default:
      return specShape;
  }
}

function resultType(op: OperationModel, named: SchemaNames): string {
  const responses = `${opType(op)}["responses"]`;
  const members = op.successResponses.map((response) => {
    if (response.contentTypes.length === 0) return "undefined";
    if (op.response === "json" && isBinaryAnswer(response.contentTypes)) return "Blob";
    if (op.response === "json") {
      const json = (response.contentTypes.find((t) => /json/i.test(t)) ?? response.contentTypes[0]) as string;
      const name = named(response.schemaNames[json]);
      if (name !== undefined) return name;
      return `${responses}[${JSON.stringify(response.key)}]["content"][${JSON.stringify(json)}]`;
    }
    return op.response === "blob" ? "Blob" : "string";
  });
  const unique = [...new Set(members)];
  return unique.length === 0 ? "unknown" : unique.join(" | ");
}

function errorBodyType(op: OperationModel): string | undefined {
  const members = op.errorResponses.map(
    (r) =>
      `${opType(op)}["responses"][${/^\d+$/.test(r.status) ? r.status : JSON.stringify(r.status)}]["content"][${JSON.stringify(r.mediaType)}]`,
  );
  return members.length > 0 ? [...new Set(members)].join(" | ") : undefined;
}

function inputType(
  op: OperationModel,
  typeName: string,
  named: SchemaNames,
): { source: string; required: boolean } {
  const params = `${opType(op)}["parameters"]`;
  const members: string[] = [];
  let required = false;
  for (const param of op.parameters.filter((p) => p.in === "path")) {
    members.push(
      `${jsDoc([param.description], { deprecated: param.deprecated === true })}${propertyKey(pathInputKey(param.name))}: ${params}["path"][${JSON.stringify(param.name)}];`,
    );
    required = true;
  }
  for (const [location, key] of Object.entries(GROUP_KEYS)) {
    const group = op.parameters.filter((p) => p.in === location);
    if (group.length === 0) continue;
    const groupRequired = group.some((p) => p.required);
    required ||= groupRequired;
    const label = `${location.charAt(0).toUpperCase()}${location.slice(1)} parameters`;
    members.push(
      `${jsDoc([`${label}: ${group.map((p) => `\`${p.name}\``).join(", ")}.`])}${key}${groupRequired ? "" : "?"}: NonNullable<${params}[${JSON.stringify(location)}]>;`,
    );
  }
  const body = bodyType(op, named);
  if (op.requestBody && body) {
    members.push(
      `${jsDoc([`Request body (\`${op.requestBody.mediaType}\`).`])}body${op.requestBody.required ? "" : "?"}: ${body};`,
    );
    required ||= op.requestBody.required;
  }
  const doc = jsDoc([`Input of \`${op.name}\`.`]);
  // Nothing to pass: an empty object type the linter accepts (an empty interface it does not).
  const source =
    members.length === 0
      ? `${doc}export type ${typeName} = Record<string, never>;`
      : `${doc}export interface ${typeName} {\n${members.join("\n")}\n}`;
  return { source, required };
}

/** The client runtime's contract module (packages/client/src/contract.ts), as generated code imports it. */
export const RUNTIME_CONTRACT_FILE = "contract.js";

function descriptor(op: OperationModel, responsePlanKey: string | undefined): string {
  const params = op.parameters.map((p) =>
    JSON.stringify({
      name: p.name,
      in: p.in,
      ...(p.style !== undefined ? { style: p.style } : {}),
      ...(p.explode !== undefined ? { explode: p.explode } : {}),
      ...(p.allowReserved ? { allowReserved: true } : {}),
      ...(p.json ? { json: true } : {}),
    }),
  );
  const body = op.requestBody;
  const lines = [
    `operationId: ${JSON.stringify(op.name)},`,
    `method: ${JSON.stringify(op.method.toUpperCase())},`,
    `path: ${JSON.stringify(op.path)},`,
    `params: [${params.join(", ")}],`,
    body
      ? `body: { mediaType: ${JSON.stringify(body.mediaType)}, required: ${body.required}, encode: ${ENCODERS[body.encoding]} },`
      : "",
    needsParamsSerializer(op) ? "serializeParams: styledParams," : "",
    `response: ${JSON.stringify(op.response)},`,
    bodilessStatuses(op).length > 0 ? `bodiless: ${JSON.stringify(bodilessStatuses(op))},` : "",
    binaryStatuses(op).length > 0 ? `binary: ${JSON.stringify(binaryStatuses(op))},` : "",
    acceptOf(op) !== undefined ? `accept: ${JSON.stringify(acceptOf(op))},` : "",
    op.idempotent !== undefined ? `idempotent: ${JSON.stringify(op.idempotent)},` : "",
    op.deprecated ? "deprecated: true," : "",
    op.pagination ? `pagination: ${JSON.stringify(op.pagination)},` : "",
    responsePlanKey ? `responsePlan: ${JSON.stringify(responsePlanKey)},` : "",
  ];
  return `{\n${lines.filter(Boolean).join("\n")}\n}`;
}

/**
 * Success statuses the spec declares without a body (where another success has one), or with content
 * types but no schema (`"application/json": {}`, which Prism answers empty): an empty answer with one of
 * them is no body, not a broken JSON one.
 */
function bodilessStatuses(op: OperationModel): number[] {
  if (op.response === "none") return [];
  return op.successResponses.filter((r) => r.contentTypes.length === 0 || r.undescribed).map((r) => r.status);
}

/**
 * Success statuses of a JSON operation whose bodies the spec declares in no JSON type (a PDF at 200 beside
 * a JSON 202): such an answer is read as a Blob, as the operation's result type says.
 */
function binaryStatuses(op: OperationModel): number[] {
  if (op.response !== "json") return [];
  return op.successResponses.filter((r) => isBinaryAnswer(r.contentTypes)).map((r) => r.status);
}

/**
 * The Accept header of a JSON operation whose successes declare JSON only under other types than
 * `application/json` (`application/vnd.api+json`, `application/dicom+json`): those types, so a server that
 * negotiates answers with JSON. Undefined where `application/json` itself is declared (the runtime's default).
 */
function acceptOf(op: OperationModel): string | undefined {
  if (op.response !== "json") return undefined;
  const essences = op.successResponses.flatMap((r) =>
    r.contentTypes.filter(isJsonMediaType).map((type) => (type.split(";")[0] ?? "").trim().toLowerCase()),
  );
  if (essences.includes("application/json")) return undefined;
  const types = [...new Set(essences)];
  return types.length > 0 ? types.join(", ") : undefined;
}

const isBinaryAnswer = (contentTypes: string[]) =>
  contentTypes.length > 0 && !contentTypes.some(isJsonMediaType);

/** The runtime's encoder (encoders.ts) for each body encoding. */
const ENCODERS: Record<BodyEncoding, string> = {
  json: "jsonBody",
  multipart: "multipartBody",
  form: "formBody",
  text: "textBody",
  binary: "binaryBody",
};

/** Plain path parameters are sent without a serialiser; anything else needs params.ts. */
function needsParamsSerializer(op: OperationModel): boolean {
  return op.parameters.some(
    (p) => p.in !== "path" || !p.scalar || p.style !== undefined || p.explode !== undefined,
  );
}

function requestObject(op: OperationModel): string {
  const pathParams = op.parameters.filter((p) => p.in === "path");
  const parts: string[] = [];
  if (pathParams.length > 0) {
    parts.push(
      `path: { ${pathParams.map((p) => `${propertyKey(p.name)}: ${propertyAccess("input", pathInputKey(p.name))}`).join(", ")} }`,
    );
  }
  for (const [location, key] of Object.entries(GROUP_KEYS)) {
    if (op.parameters.some((p) => p.in === location)) parts.push(`${key}: input.${key}`);
  }
  if (op.requestBody) parts.push("body: input.body");
  return `{ ${parts.join(", ")} }`;
}

function operationDoc(op: OperationModel): string {
  return jsDoc(
    [
      op.summary,
      op.description !== op.summary ? op.description : undefined,
      `\`${op.method.toUpperCase()} ${op.path}\``,
    ],
    { deprecated: op.deprecated },
  );
}

/**
 * Which schema names this module may use (see SchemaNames), and which it did. A schema name the module
 * declares itself (an operation's `…Input`, `…Result`, a runtime import) keeps the index chain.
 */
function schemaNamesFor(model: ApiModel): SchemaNames & { used: Set<string> } {
  const own = new Set<string>(GENERATED_MODULE_NAMES);
  for (const op of model.operations) {
    const Name = pascalCase(op.name);
    for (const name of [op.name, `${op.name}Operation`, `iterate${Name}`]) own.add(name);
    for (const suffix of ["Input", "Result", "ErrorBody", "Item"]) own.add(`${Name}${suffix}`);
  }
  const typeNames = new Map(model.schemaAliases.map((alias) => [alias.schemaName, alias.typeName]));
  const used = new Set<string>();
  const named = (schemaName: string | undefined) => {
    const typeName = schemaName === undefined ? undefined : typeNames.get(schemaName);
    if (typeName === undefined || own.has(typeName)) return undefined;
    used.add(typeName);
    return typeName;
  };
  return Object.assign(named, { used });
}

/**
 * The order Biome's import organiser gives named imports (the file is checked by the same linter):
 * letter by letter ignoring case, an upper-case letter before the same letter in lower case
 * (`Job, paths, ProjectResponse` is wrong, `Job, ProjectResponse, paths` right: P before p), and runs of
 * digits compared as numbers.
 */
function biomeOrder(a: string, b: string): number {
  const parts = (name: string) => name.match(/\d+|\D+/g) ?? [];
  const [left, right] = [parts(a), parts(b)];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const [x, y] = [left[i] as string, right[i] as string];
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y) && Number(x) !== Number(y)) return Number(x) - Number(y);
    for (let k = 0; k < Math.min(x.length, y.length); k++) {
      const [cx, cy] = [x[k] as string, y[k] as string];
      if (cx === cy) continue;
      const [lx, ly] = [cx.toLowerCase(), cy.toLowerCase()];
      if (lx !== ly) return lx < ly ? -1 : 1;
      return cx < cy ? -1 : 1;
    }
    return x.length - y.length;
  }
  return left.length - right.length;
}

/**
 * One descriptor (method, path template, parameters with their serialisation, body encoding, response
 * kind) and one typed function per operation, an iterator for each paginated list, and `bindOperations`
 * that puts them all on a client object.
 */
export function emitOperations(model: ApiModel, options: OperationsEmitOptions): string {
  const blocks: string[] = [];
  const bound: string[] = [];
  const binders: string[] = [];
  const usesPagination = model.operations.some((op) => op.pagination);
  const encoders = [
    ...new Set(model.operations.flatMap((op) => (op.requestBody ? [ENCODERS[op.requestBody.encoding]] : []))),
  ].sort();
  const usesParams = model.operations.some(needsParamsSerializer);
  const named = schemaNamesFor(model);
  for (const op of model.operations) {
    const name = op.name;
    const Name = pascalCase(name);
    const input = inputType(op, `${Name}Input`, named);
    // An operation without parameters or body still takes an input (so adding one later breaks no caller);
    // its name says it is unused, as the linter asks of generated code too.
    const inputName = op.parameters.length === 0 && !op.requestBody ? "_input" : "input";
    const inputParam = input.required ? `${inputName}: ${Name}Input` : `${inputName}: ${Name}Input = {}`;
    const boundParam = input.required ? `input: ${Name}Input` : `input?: ${Name}Input`;
    const errorBody = errorBodyType(op);
    const result = resultType(op, named);
    // A result that is one name (`ProjectResponse`, `Blob`) is written as that name, so a hover shows it.
    const resultName = IDENTIFIER.test(result) ? result : `${Name}Result`;
    blocks.push(`${input.source}

${jsDoc([`Successful response body of \`${name}\`.`])}export type ${Name}Result = ${result};
${errorBody ? `\n${jsDoc([`Error response bodies the spec declares for \`${name}\`: narrow a caught \`AngoAPIError\` with \`AngoAPIError<${Name}ErrorBody>\`.`])}export type ${Name}ErrorBody = ${errorBody};\n` : ""}
${jsDoc([`How \`${name}\` is sent, taken from the spec.`])}export const ${name}Operation = ${descriptor(op, options.responsePlanKeys?.get(op.name))} as const satisfies OperationDescriptor;

${operationDoc(op)}export function ${name}(runner: OperationRunner, ${inputParam}, options?: CallOptions): AngoPromise<${resultName}> {
  return runner.call<${resultName}>(${name}Operation, ${requestObject(op)}, options);
}`);
    bound.push(
      `${operationDoc(op)}${name}(${boundParam}, options?: CallOptions): AngoPromise<${resultName}>;`,
    );
    binders.push(
      `${name}: (input, options) => ${name}(runner, input${input.required ? "" : " ?? {}"}, options),`,
    );
    if (op.pagination) {
      const shape = op.pagination;
      const item = `NonNullable<${shape.items.reduce(
        (type, key) => `NonNullable<${type}>[${JSON.stringify(key)}]`,
        `${opType(op)}["responses"][200]["content"]["application/json"]`,
      )}>[number]`;
      const where = (path: string[]) => `\`${path.join(".")}\``;
      const doc = jsDoc(
        [
          `Every item of \`${name}\`, page after page: \`for await (const item of iterate${Name}(runner))\`.`,
          `Asks for \`${shape.limitParam}\` ${shape.pageSize} per page unless the input sets it, starts at the input's \`${shape.pageParam}\` (default ${shape.firstPage}) and stops after ${where(shape.total)} items, a short page, or \`maxItems\`/\`maxPages\` in the options. Each page is one call, with the same retries and rate-limit handling. A server that breaks the convention (a page that is not a list, longer than \`${shape.limitParam}\`, or repeating the one before) ends the walk with \`AngoPaginationError\`.`,
        ],
        { deprecated: op.deprecated },
      );
      blocks.push(`${jsDoc([`One item of \`${name}\`'s ${where(shape.items)}.`])}export type ${Name}Item = ${item};

${doc}export function iterate${Name}(runner: OperationRunner, ${inputParam}, options?: PageOptions): AsyncIterable<${Name}Item> {
  return paginate<${Name}Item>(runner, ${name}Operation, ${requestObject(op)}, options);
}`);
      bound.push(`${doc}iterate${Name}(${boundParam}, options?: PageOptions): AsyncIterable<${Name}Item>;`);
      binders.push(
        `iterate${Name}: (input, options) => iterate${Name}(runner, input${input.required ? "" : " ?? {}"}, options),`,
      );
    }
  }
  // In the order Biome sorts them (the file is checked by the same linter as hand-written code).
  const contractTypes = [
    "AngoPromise",
    "CallOptions",
    "OperationDescriptor",
    "OperationRunner",
    ...(usesPagination ? ["PageOptions"] : []),
  ];
  const contractValues = [
    ...encoders,
    ...(usesPagination ? ["paginate"] : []),
    ...(usesParams ? ["styledParams"] : []),
  ];
  // The runtime's contract module: the one runtime file generated code imports.
  const fromModule = options.runtimeModule ?? `${options.runtimeDir}/${RUNTIME_CONTRACT_FILE}`;
  const runtimeImports = [
    `import type { ${contractTypes.join(", ")} } from ${JSON.stringify(fromModule)};`,
    contractValues.length > 0
      ? `import { ${contractValues.sort(biomeOrder).join(", ")} } from ${JSON.stringify(fromModule)};`
      : "",
  ].filter(Boolean);
  const typeImports = ["paths", ...named.used].sort(biomeOrder);
  return `import type { ${typeImports.join(", ")} } from ${JSON.stringify(options.typesModule)};
${runtimeImports.join("\n")}

${blocks.join("\n\n")}

/** Every operation's descriptor, by generated name. */
export const operationDescriptors = {
${model.operations.map((op) => `${op.name}: ${op.name}Operation,`).join("\n")}
} as const;

/** The operations as methods of a client. */
export interface BoundOperations {
${bound.join("\n")}
}

/** Binds every operation to a runner; the client object is built from this. */
export function bindOperations(runner: OperationRunner): BoundOperations {
  return {
${binders.join("\n")}
  };
}
`;
}

/**
 * The generated client's public barrel: the operations' public names (functions, iterators, their types,
 * `BoundOperations`) and the servers module, which the client's main entry point re-exports whole.
 * Descriptors and the binder stay in the internal barrel (emitInternalBarrel), which the runtime's own
 * files and the `@ango-hub/client/contract` entry point read.
 */
export function emitPublicBarrel(model: ApiModel, modules: { operations: string; servers?: string }): string {
  const values: string[] = [];
  const types: string[] = ["BoundOperations"];
  for (const op of model.operations) {
    const Name = pascalCase(op.name);
    values.push(op.name);
    types.push(`${Name}Input`, `${Name}Result`);
    if (op.errorResponses.length > 0) types.push(`${Name}ErrorBody`);
    if (op.pagination) {
      values.push(`iterate${Name}`);
      types.push(`${Name}Item`);
    }
  }
  const names = [...values, ...types.map((name) => `type ${name}`)].sort((a, b) =>
    biomeOrder(a.replace(/^type /, ""), b.replace(/^type /, "")),
  );
  const servers = modules.servers ? `export * from ${JSON.stringify(modules.servers)};\n` : "";
  return `export { ${names.join(", ")} } from ${JSON.stringify(modules.operations)};\n${servers}`;
}

/**
 * The generated client's internal barrel: what the runtime's main files take from generated code
 * (descriptors, the binder, servers). The response plans keep their own index (responses/index.ts), the
 * validation entry point's: a module that names them holds dynamic imports, which a bundler follows even
 * when nothing calls them, so a program without validation would carry the plans as chunks.
 */
export function emitInternalBarrel(modules: { operations: string; servers?: string }): string {
  const servers = modules.servers ? `export * from ${JSON.stringify(modules.servers)};\n` : "";
  return `export * from ${JSON.stringify(modules.operations)};\n${servers}`;
}
