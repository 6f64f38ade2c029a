// The document's operations: parameters, bodies, responses, and what each becomes in the model.

import {
  HTTP_METHODS,
  IGNORED_HEADERS,
  isJsonMediaType,
  isMediaType,
  operationName,
  resolveLocalRef,
  settleNameClashes,
  sortForNaming,
  usableOperationId,
} from "@ango-hub/openapi-reader";
import { type Overrides, readIdempotency, readPagination } from "./conventions.js";
import type {
  BodyEncoding,
  BodyField,
  ModelNotice,
  OperationModel,
  ParameterModel,
  ResponseKind,
} from "./model.js";
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
      ...(declared !== undefined ? { schema: declared } : {}),
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

function readRequestBody(doc: Json, raw: unknown, where: string): OperationModel["requestBody"] {
  if (raw === undefined) return undefined;
  const body = resolveRef(doc, raw, `${where} requestBody`);
  const contentTypes = isObject(body.content) ? Object.keys(body.content) : [];
  if (contentTypes.length === 0) return undefined;
  const unusable = contentTypes.find((type) => !isMediaType(type));
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
  const encoding = bodyEncoding(mediaType);
  const example = encoding === "json" ? bodyExample(doc, media) : undefined;
  return {
    required: body.required === true,
    contentTypes,
    mediaType,
    encoding,
    ...(schemaName !== undefined ? { schemaName } : {}),
    ...(isObject(media) && media.schema !== undefined ? { schema: media.schema } : {}),
    ...(fields.length > 0 ? { fields } : {}),
    ...(example !== undefined ? { example } : {}),
  };
}

/** How deep bodyFields and bodyExample follow a schema's references and members. */
const MAX_BODY_SCHEMA_DEPTH = 10;
/** Help shows a body example only up to this many characters of JSON. */
const MAX_BODY_EXAMPLE_CHARS = 400;

/** The object schema a property describes: itself, or its items' for an array of objects. */
function objectOf(doc: Json, schema: Json | undefined): Json | undefined {
  const items = schema?.type === "array" ? resolveLocalRef(doc, schema.items) : undefined;
  const target = items ?? schema;
  return target && (target.type === "object" || isObject(target.properties)) ? target : undefined;
}

/** A body schema's properties (with those of its allOf members), and theirs one level down, for help text. */
function bodyFields(doc: Json, raw: unknown, nested = true): BodyField[] {
  const fields = new Map<string, BodyField>();
  const visit = (value: unknown, depth: number) => {
    const schema = depth < MAX_BODY_SCHEMA_DEPTH ? resolveLocalRef(doc, value) : undefined;
    if (!schema) return;
    const required = Array.isArray(schema.required) ? schema.required : [];
    for (const [name, property] of Object.entries(isObject(schema.properties) ? schema.properties : {})) {
      const resolved = resolveLocalRef(doc, property);
      const type = typeof resolved?.type === "string" ? resolved.type : "any";
      const object = nested ? objectOf(doc, resolved) : undefined;
      const inner = object ? bodyFields(doc, object, false) : [];
      fields.set(name, {
        name,
        type: type === "array" && object ? "array of object" : type,
        required: required.includes(name),
        ...(typeof resolved?.description === "string" ? { description: resolved.description } : {}),
        ...(inner.length > 0 ? { fields: inner } : {}),
      });
    }
    for (const member of Array.isArray(schema.allOf) ? schema.allOf : []) visit(member, depth + 1);
  };
  visit(raw, 0);
  return [...fields.values()];
}

/** A value for `schema` with its required fields only: enums' first value, a placeholder per type. */
function skeleton(doc: Json, raw: unknown, depth = 0): unknown {
  const schema = depth < MAX_BODY_SCHEMA_DEPTH ? resolveLocalRef(doc, raw) : undefined;
  if (!schema) return null;
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const branch = [schema.allOf, schema.oneOf, schema.anyOf].find(Array.isArray)?.[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "array") return [skeleton(doc, schema.items, depth + 1)];
  if (type === "object" || isObject(schema.properties)) {
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    const value: Json = {};
    for (const [name, property] of Object.entries(isObject(schema.properties) ? schema.properties : {}))
      if (required.has(name)) value[name] = skeleton(doc, property, depth + 1);
    return value;
  }
  if (branch !== undefined) return skeleton(doc, branch, depth + 1);
  if (type === "integer" || type === "number") return 0;
  if (type === "boolean") return false;
  return "string";
}

/** The body to show in help: the spec's example of the media type or its schema, else skeleton(). */
function bodyExample(doc: Json, media: unknown): string | undefined {
  if (!isObject(media)) return undefined;
  const examples = isObject(media.examples) ? Object.values(media.examples) : [];
  const fromExamples = examples
    .map((entry) => resolveLocalRef(doc, entry)?.value)
    .find((v) => v !== undefined);
  const candidates = [media.example, fromExamples, skeleton(doc, media.schema)];
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    const text = JSON.stringify(candidate);
    if (text !== undefined && text.length <= MAX_BODY_EXAMPLE_CHARS) return text;
  }
  return undefined;
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

/** The schema of the first success response with a JSON body, as the document writes it. */
function jsonSchemaOf(
  doc: Json,
  responses: Json,
  successes: { key: string; contentTypes: string[] }[],
  where: string,
): unknown {
  for (const { key, contentTypes } of successes) {
    const type = contentTypes.find(isJsonMediaType);
    if (type === undefined) continue;
    const content = resolveRef(doc, responses[key], `${where} responses[${plainText(key)}]`).content as Json;
    const media = content[type];
    return isObject(media) ? media.schema : undefined;
  }
  return undefined;
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
            undescribed:
              isObject(response.content) &&
              Object.keys(response.content).length > 0 &&
              Object.values(response.content).every(
                (media) => !isObject(media) || media.schema === undefined,
              ),
          };
        })
        .sort((a, b) => a.status - b.status);
      const resultSchema = jsonSchemaOf(doc, responses, successResponses, where);
      const errorResponses = Object.keys(responses)
        .filter((code) => !/^2/.test(code))
        .flatMap((code) => {
          const response = resolveRef(doc, responses[code], `${where} responses[${code}]`);
          const content = isObject(response.content) ? Object.keys(response.content) : [];
          const mediaType = content.find(isJsonMediaType);
          const media = mediaType ? (response.content as Json)[mediaType] : undefined;
          return mediaType
            ? [{ status: code, mediaType, ...(isObject(media) ? { schema: media.schema } : {}) }]
            : [];
        });

      const override = operationId === undefined ? undefined : overrides.operations[operationId];
      const idempotent = readIdempotency(op, override);
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
        ...(resultSchema !== undefined ? { resultSchema } : {}),
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
