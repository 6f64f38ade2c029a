import { type ApiModel, type OperationModel, SpecError } from "./model.js";
import { jsDoc, pascalCase, propertyAccess, propertyKey } from "./text.js";

export interface OperationsEmitOptions {
  /** Module that exports `operations` (the generated types package). */
  typesModule: string;
  /** Module that exports the runtime's `OperationDescriptor`, `OperationRunner` and `CallOptions` types. */
  runtimeModule: string;
}

const RESERVED_INPUT_KEYS = new Set(["body", "query", "headers"]);

function isJson(contentType: string): boolean {
  return /^application\/(?:[\w.+-]+\+)?json(?:;|$)/i.test(contentType);
}

function pickRequestContentType(op: OperationModel): string | undefined {
  const types = op.requestBody?.contentTypes ?? [];
  return types.find(isJson) ?? types[0];
}

function resultType(op: OperationModel): string {
  const ref = `operations[${JSON.stringify(op.operationId)}]["responses"]`;
  const members = op.successResponses.map((response) => {
    const json = response.contentTypes.find(isJson);
    if (json) return `${ref}[${response.status}]["content"][${JSON.stringify(json)}]`;
    return response.contentTypes.length > 0 ? "string" : "undefined";
  });
  const unique = [...new Set(members)];
  return unique.length === 0 ? "unknown" : unique.join(" | ");
}

function inputType(op: OperationModel, typeName: string): { source: string; required: boolean } {
  const params = `operations[${JSON.stringify(op.operationId)}]["parameters"]`;
  const members: string[] = [];
  let required = false;
  for (const param of op.parameters.filter((p) => p.in === "path")) {
    if (RESERVED_INPUT_KEYS.has(param.name)) {
      throw new SpecError(
        `${op.operationId}: path parameter "${param.name}" clashes with the input's "${param.name}" field.`,
      );
    }
    members.push(
      `${jsDoc([param.description])}${propertyKey(param.name)}: ${params}["path"][${JSON.stringify(param.name)}];`,
    );
    required = true;
  }
  for (const [location, key] of [
    ["query", "query"],
    ["header", "headers"],
  ] as const) {
    const group = op.parameters.filter((p) => p.in === location);
    if (group.length === 0) continue;
    const groupRequired = group.some((p) => p.required);
    required ||= groupRequired;
    members.push(
      `${jsDoc([`${location === "query" ? "Query" : "Header"} parameters: ${group.map((p) => `\`${p.name}\``).join(", ")}.`])}${key}${groupRequired ? "" : "?"}: NonNullable<${params}[${JSON.stringify(location)}]>;`,
    );
  }
  const contentType = pickRequestContentType(op);
  if (op.requestBody && contentType) {
    const body = `NonNullable<operations[${JSON.stringify(op.operationId)}]["requestBody"]>["content"][${JSON.stringify(contentType)}]`;
    members.push(
      `${jsDoc([`Request body (\`${contentType}\`).`])}body${op.requestBody.required ? "" : "?"}: ${body};`,
    );
    required ||= op.requestBody.required;
  }
  const source = `${jsDoc([`Input of \`${op.operationId}\`.`])}export interface ${typeName} {\n${members.join("\n")}\n}`;
  return { source, required };
}

/** How the runtime reads a success body: JSON when any 2xx declares JSON, text when some other type, else none. */
function responseBodyKind(op: OperationModel): "json" | "text" | "none" {
  const types = op.successResponses.flatMap((r) => r.contentTypes);
  if (types.some(isJson)) return "json";
  return types.length > 0 ? "text" : "none";
}

function descriptor(op: OperationModel): string {
  const names = (location: string) =>
    JSON.stringify(op.parameters.filter((p) => p.in === location).map((p) => p.name));
  const contentType = pickRequestContentType(op);
  return `{
    operationId: ${JSON.stringify(op.operationId)},
    method: ${JSON.stringify(op.method)},
    path: ${JSON.stringify(op.path)},
    pathParams: ${names("path")},
    queryParams: ${names("query")},
    headerParams: ${names("header")},
    requestContentType: ${contentType ? JSON.stringify(contentType) : "undefined"},
    bodyRequired: ${op.requestBody?.required === true},
    successStatuses: ${JSON.stringify(op.successResponses.map((r) => r.status))},
    responseBody: ${JSON.stringify(responseBodyKind(op))},
  }`;
}

function requestObject(op: OperationModel): string {
  const pathParams = op.parameters.filter((p) => p.in === "path");
  const parts: string[] = [];
  if (pathParams.length > 0) {
    parts.push(
      `path: { ${pathParams.map((p) => `${propertyKey(p.name)}: ${propertyAccess("input", p.name)}`).join(", ")} }`,
    );
  }
  if (op.parameters.some((p) => p.in === "query")) parts.push("query: input.query");
  if (op.parameters.some((p) => p.in === "header")) parts.push("headers: input.headers");
  if (op.requestBody && pickRequestContentType(op)) parts.push("body: input.body");
  return `{ ${parts.join(", ")} }`;
}

function operationDoc(op: OperationModel): string {
  return jsDoc([
    op.summary,
    op.description !== op.summary ? op.description : undefined,
    `\`${op.method.toUpperCase()} ${op.path}\``,
    op.deprecated ? "@deprecated" : undefined,
  ]);
}

/**
 * One descriptor (method, path template, parameter names, content type) and one typed function per
 * operationId, plus `bindOperations` that puts them all on a client object.
 */
export function emitOperations(model: ApiModel, options: OperationsEmitOptions): string {
  const blocks: string[] = [];
  const bound: string[] = [];
  const binders: string[] = [];
  for (const op of model.operations) {
    const name = op.operationId;
    const Name = pascalCase(name);
    const input = inputType(op, `${Name}Input`);
    const inputParam = input.required ? `input: ${Name}Input` : `input: ${Name}Input = {}`;
    const boundParam = input.required ? `input: ${Name}Input` : `input?: ${Name}Input`;
    blocks.push(`${input.source}

${jsDoc([`Successful response body of \`${name}\`.`])}export type ${Name}Result = ${resultType(op)};

${jsDoc([`How \`${name}\` is sent, taken from the spec.`])}export const ${name}Operation = ${descriptor(op)} as const satisfies OperationDescriptor;

${operationDoc(op)}export function ${name}(runner: OperationRunner, ${inputParam}, options?: CallOptions): Promise<${Name}Result> {
  return runner.call<${Name}Result>(${name}Operation, ${requestObject(op)}, options);
}`);
    bound.push(`${operationDoc(op)}${name}(${boundParam}, options?: CallOptions): Promise<${Name}Result>;`);
    binders.push(
      `${name}: (input, options) => ${name}(runner, input${input.required ? "" : " ?? {}"}, options),`,
    );
  }
  return `import type { operations } from ${JSON.stringify(options.typesModule)};
import type { CallOptions, OperationDescriptor, OperationRunner } from ${JSON.stringify(options.runtimeModule)};

${blocks.join("\n\n")}

/** Every operation's descriptor, by operationId. */
export const operationDescriptors = {
${model.operations.map((op) => `${op.operationId}: ${op.operationId}Operation,`).join("\n")}
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
