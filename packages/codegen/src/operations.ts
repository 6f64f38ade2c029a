// The document's operations: parameters, bodies, responses, and what each becomes in the model.

import {
  HTTP_METHODS,
  IGNORED_HEADERS,
  isJsonMediaType,
  operationName,
  resolveLocalRef,
  settleNameClashes,
  sortForNaming,
  usableOperationId,
} from "@ango-hub/openapi-reader";
import { type Overrides, readPagination } from "./conventions.js";
import type { BodyEncoding, ModelNotice, OperationModel, ParameterModel, ResponseKind } from "./model.js";
import { isObject, type Json, resolveRef } from "./refs.js";
import type { ResponsePlans } from "./response-plans.js";
import { SpecError } from "./spec-error.js";
import { plainText } from "./text.js";

export { HTTP_METHODS, isJsonMediaType };

function readParameters(doc: Json, raw: unknown, where: string): ParameterModel[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new SpecError(`${where}.parameters must be an array.`);
  return raw.flatMap((entry, index): ParameterModel | ParameterModel[] => {
    const param = resolveRef(doc, entry, `${where}.parameters[${index}]`);
    const location = param.in;
    if (location !== "path" && location !== "query" && location !== "header" && location !== "cookie") {
      throw new SpecError(`${where}.parameters[${index}]: "in" must be path, query, header or cookie.`);
    }
    if (typeof param.name !== "string" || param.name === "") {
      throw new SpecError(`${where}.parameters[${index}]: missing "name".`);
    }
    if (location === "header" && IGNORED_HEADERS.test(param.name)) return [];
    // A parameter may give its value's media type instead of a style (`content`, one entry): its schema
    // is the media type's, and as JSON the value travels as its JSON text.
    const media = isObject(param.content) ? Object.entries(param.content)[0] : undefined;
    const json = media !== undefined && isJsonMediaType(media[0]);
    const declared =
      param.schema === undefined && isObject(media?.[1]) ? (media[1] as Json).schema : param.schema;
    const schema =
      declared === undefined ? {} : resolveRef(doc, declared, `${where}.parameters[${index}].schema`);
    return {
      name: param.name,
      in: location,
      required: location === "path" || param.required === true,
      scalar:
        schema.type === undefined ||
        ["string", "number", "integer", "boolean"].includes(schema.type as string),
      ...(typeof param.description === "string" ? { description: param.description } : {}),
      ...(param.deprecated === true ? { deprecated: true } : {}),
      ...(typeof param.style === "string" ? { style: param.style } : {}),
      ...(typeof param.explode === "boolean" ? { explode: param.explode } : {}),
      ...(param.allowReserved === true ? { allowReserved: true } : {}),
      ...(json ? { json: true } : {}),
      ...(typeof schema.maximum === "number" ? { maximum: schema.maximum } : {}),
      ...(typeof schema.type === "string" ? { type: schema.type } : {}),
      ...(Array.isArray(schema.enum) &&
      schema.enum.every((v) => ["string", "number", "boolean"].includes(typeof v))
        ? { enum: schema.enum }
        : {}),
    } as ParameterModel;
  });
}

/** Operation-level parameters override path-level ones with the same name and location. */
function mergeParameters(pathLevel: ParameterModel[], operationLevel: ParameterModel[]): ParameterModel[] {
  const merged = new Map<string, ParameterModel>();
  for (const param of [...pathLevel, ...operationLevel]) merged.set(`${param.in}:${param.name}`, param);
  return [...merged.values()];
}

export function bodyEncoding(mediaType: string): BodyEncoding {
  if (isJsonMediaType(mediaType)) return "json";
  if (/^multipart\//i.test(mediaType)) return "multipart";
  if (/^application\/x-www-form-urlencoded/i.test(mediaType)) return "form";
  if (/^text\//i.test(mediaType) || /[/+](xml|csv|yaml)/i.test(mediaType)) return "text";
  return "binary";
}

/** JSON is preferred, then multipart, form, text and finally binary: the richest typed input first. */
const ENCODING_PREFERENCE: BodyEncoding[] = ["json", "multipart", "form", "text", "binary"];

/** A media type or range as RFC 9110 writes one: `type/subtype`, parameters after a `;`. */
const MEDIA_TYPE = /^[^\s/;]+\/[^\s/;]+\s*(;.*)?$/;

function readRequestBody(doc: Json, raw: unknown, where: string): OperationModel["requestBody"] {
  if (raw === undefined) return undefined;
  const body = resolveRef(doc, raw, `${where} requestBody`);
  const contentTypes = isObject(body.content) ? Object.keys(body.content) : [];
  if (contentTypes.length === 0) return undefined;
  const unusable = contentTypes.find((type) => !MEDIA_TYPE.test(type));
  if (unusable !== undefined)
    throw new SpecError(
      `${where} requestBody: the content type "${plainText(unusable)}" is not a media type (type/subtype, as in application/json), so no client can say what it sends. Correct it in the document.`,
    );
  const ranked = [...contentTypes].sort(
    (a, b) => ENCODING_PREFERENCE.indexOf(bodyEncoding(a)) - ENCODING_PREFERENCE.indexOf(bodyEncoding(b)),
  );
  const mediaType = ranked[0] as string;
  const media = (body.content as Json)[mediaType];
  const schemaName = componentSchemaName(media);
  const fields = bodyFields(doc, isObject(media) ? media.schema : undefined);
  return {
    required: body.required === true,
    contentTypes,
    mediaType,
    encoding: bodyEncoding(mediaType),
    ...(schemaName !== undefined ? { schemaName } : {}),
    ...(fields.length > 0 ? { fields } : {}),
  };
}

/** A body schema's top-level properties (with those of its allOf members), for help text. */
function bodyFields(
  doc: Json,
  raw: unknown,
): NonNullable<NonNullable<OperationModel["requestBody"]>["fields"]> {
  const fields = new Map<string, { name: string; type: string; required: boolean; description?: string }>();
  const visit = (value: unknown, depth: number) => {
    const schema = depth < 10 ? resolveLocalRef(doc, value) : undefined;
    if (!schema) return;
    const required = Array.isArray(schema.required) ? schema.required : [];
    for (const [name, property] of Object.entries(isObject(schema.properties) ? schema.properties : {})) {
      const resolved = resolveLocalRef(doc, property);
      fields.set(name, {
        name,
        type: typeof resolved?.type === "string" ? resolved.type : "any",
        required: required.includes(name),
        ...(typeof resolved?.description === "string" ? { description: resolved.description } : {}),
      });
    }
    for (const member of Array.isArray(schema.allOf) ? schema.allOf : []) visit(member, depth + 1);
  };
  visit(raw, 0);
  return [...fields.values()];
}

/**
 * The key of the component schema a media type object's schema is, when the schema is exactly one
 * `$ref` to `#/components/schemas/<key>` (what lets generated signatures name it).
 */
function componentSchemaName(media: unknown): string | undefined {
  const ref = isObject(media) && isObject(media.schema) ? media.schema.$ref : undefined;
  const match = typeof ref === "string" ? /^#\/components\/schemas\/([^/]+)$/.exec(ref) : null;
  return match ? (match[1] as string).replaceAll("~1", "/").replaceAll("~0", "~") : undefined;
}

/** componentSchemaName for each content type of a response or body's `content`. */
function componentSchemaNames(content: unknown): Record<string, string> {
  if (!isObject(content)) return {};
  return Object.fromEntries(
    Object.entries(content).flatMap(([type, media]) => {
      const name = componentSchemaName(media);
      return name === undefined ? [] : [[type, name]];
    }),
  );
}

/** How a success body is read: JSON when any 2xx declares JSON, a Blob for binary, text for text types. */
function responseKind(successResponses: { contentTypes: string[] }[]): ResponseKind {
  const types = successResponses.flatMap((r) => r.contentTypes);
  if (types.some(isJsonMediaType)) return "json";
  if (types.length === 0) return "none";
  return types.every((t) => bodyEncoding(t) === "text") ? "text" : "blob";
}

export function readOperations(
  doc: Json,
  overrides: Overrides,
  notices: ModelNotice[],
  plans: ResponsePlans,
): OperationModel[] {
  const paths = doc.paths;
  if (!isObject(paths)) throw new SpecError('The document has no "paths" object.');
  const operations: OperationModel[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolveRef(doc, rawItem, `paths["${plainText(path)}"]`);
    const pathParameters = readParameters(doc, item.parameters, `paths["${plainText(path)}"]`);
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (op === undefined) continue;
      const where = `${method.toUpperCase()} ${plainText(path)}`;
      if (!isObject(op)) throw new SpecError(`${where}: expected an operation object.`);
      const operationId = typeof op.operationId === "string" ? op.operationId : undefined;

      const parameters = mergeParameters(pathParameters, readParameters(doc, op.parameters, where));
      const templateNames = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
      const pathParamNames = parameters.filter((p) => p.in === "path").map((p) => p.name);
      for (const name of templateNames) {
        if (!pathParamNames.includes(name))
          throw new SpecError(`${where}: path parameter "${plainText(name)}" is not declared.`);
      }
      for (const name of pathParamNames) {
        if (!templateNames.includes(name))
          throw new SpecError(`${where}: path parameter "${plainText(name)}" is not in the path.`);
      }

      let requestBody = readRequestBody(doc, op.requestBody, where);
      if (requestBody && (method === "get" || method === "head")) {
        notices.push({
          where,
          message: "fetch cannot send a body with GET or HEAD; the request body is left out.",
        });
        requestBody = undefined;
      }
      const responses = isObject(op.responses) ? op.responses : {};
      // Without a 2xx, `default` ("all HTTP codes not covered individually") is what a success looks like,
      // as Prism answers such an operation.
      const declaredSuccess = Object.keys(responses).filter((code) => /^2(\d\d|XX)$/i.test(code));
      const successCodes =
        declaredSuccess.length === 0 && Object.hasOwn(responses, "default") ? ["default"] : declaredSuccess;
      const successResponses = successCodes
        .map((code) => {
          const response = resolveRef(doc, responses[code], `${where} responses[${plainText(code)}]`);
          return {
            status: /^\d{3}$/.test(code) ? Number(code) : 200,
            key: code,
            contentTypes: isObject(response.content) ? Object.keys(response.content) : [],
            schemaNames: componentSchemaNames(response.content),
          };
        })
        .sort((a, b) => a.status - b.status);
      const errorResponses = Object.keys(responses)
        .filter((code) => !/^2/.test(code))
        .flatMap((code) => {
          const response = resolveRef(doc, responses[code], `${where} responses[${code}]`);
          const content = isObject(response.content) ? Object.keys(response.content) : [];
          const mediaType = content.find(isJsonMediaType);
          return mediaType ? [{ status: code, mediaType }] : [];
        });

      const override = operationId === undefined ? undefined : overrides.operations[operationId];
      const extension = op["x-ango-idempotent"];
      const idempotent = override?.idempotent ?? (typeof extension === "boolean" ? extension : undefined);
      const pagination = readPagination(
        doc,
        parameters,
        responses["200"] && resolveRef(doc, responses["200"], where),
        where,
      );
      operations.push({
        name: operationName(operationId, method, path),
        ...(operationId !== undefined ? { operationId } : {}),
        method,
        path,
        ...(typeof op.summary === "string" ? { summary: op.summary } : {}),
        ...(typeof op.description === "string" ? { description: op.description } : {}),
        deprecated: op.deprecated === true,
        parameters,
        ...(requestBody ? { requestBody } : {}),
        successResponses,
        errorResponses,
        response: responseKind(successResponses),
        ...(idempotent !== undefined ? { idempotent } : {}),
        ...(pagination ? { pagination } : {}),
        responsePlan: plans.read(responses),
      });
      if (!usableOperationId(operationId)) {
        notices.push({
          where,
          message: `${operationId === undefined ? "no operationId" : `operationId "${plainText(operationId)}" is not usable as a name`}; generated as "${operationName(operationId, method, path)}".`,
        });
      }
    }
  }
  settleNameClashes(sortForNaming(operations), (op, from) =>
    notices.push({
      where: `${op.method.toUpperCase()} ${plainText(op.path)}`,
      message: `the name "${from}" is taken by another operation; generated as "${op.name}".`,
    }),
  );
  return operations;
}
