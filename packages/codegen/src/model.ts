// Reads an OpenAPI 3.0 document into the small model the emitters need. Only local `#/...` references
// are followed: the project keeps one self-contained document in spec/.
import { checkDocument, DOCUMENT_LIMITS } from "./document-checks.js";
import { SpecError } from "./spec-error.js";
import { IDENTIFIER, plainText } from "./text.js";

export { SpecError };

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
export const HTTP_METHODS: readonly HttpMethod[] = [
  "get",
  "put",
  "post",
  "delete",
  "options",
  "head",
  "patch",
  "trace",
];

export type ParameterLocation = "path" | "query" | "header" | "cookie";

export interface ParameterModel {
  name: string;
  in: ParameterLocation;
  required: boolean;
  description?: string;
  deprecated?: boolean;
  /** The schema is a string, number, integer or boolean (or absent): no serialiser is needed in a path. */
  scalar: boolean;
  /** Only when the spec sets them (the runtime knows each location's default). */
  style?: string;
  explode?: boolean;
  allowReserved?: boolean;
  /** The schema's `maximum`, when it declares one. */
  maximum?: number;
}

export type BodyEncoding = "json" | "multipart" | "form" | "binary" | "text";
export type ResponseKind = "json" | "text" | "blob" | "none";

/** When repeating a non-idempotent call is safe, from the overrides file (see readOverrides). */
export type IdempotencyModel = boolean | { every: string; has: string };

export interface OperationModel {
  /** The identifier the generated function gets (see operationName). */
  name: string;
  /** The spec's operationId as written, if any. */
  operationId?: string;
  method: HttpMethod;
  path: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  parameters: ParameterModel[];
  requestBody?: {
    required: boolean;
    contentTypes: string[];
    mediaType: string;
    encoding: BodyEncoding;
    /** The component schema (its key) the chosen media type's schema refers to, when it is one `$ref`. */
    schemaName?: string;
  };
  /**
   * 2xx responses in ascending order (`default` when the spec declares no 2xx), each with its key as the
   * spec writes it (`200`, `2XX`, `default`) and its content types (empty: no body).
   */
  successResponses: {
    status: number;
    key: string;
    contentTypes: string[];
    /** By content type: the component schema (its key) the body's schema refers to, when it is one `$ref`. */
    schemaNames: Record<string, string>;
  }[];
  /** Non-2xx statuses (and "default") whose responses declare a JSON body. */
  errorResponses: { status: string; mediaType: string }[];
  response: ResponseKind;
  idempotent?: IdempotencyModel;
  /**
   * Set when the operation follows Ango's list convention: page/limit query, `data.<items>` + `data.total`.
   * `pageSize` is the largest `limit` the spec allows (see conventions in readPagination).
   */
  pagination?: { items: string; pageSize: number };
}

/** Something the codegen changed or chose on its own, to report to whoever runs it. */
export interface ModelNotice {
  where: string;
  message: string;
}

export interface ServerModel {
  key: string;
  url: string;
  description?: string;
}

export interface ApiKeySchemeModel {
  schemeName: string;
  in: "header" | "query" | "cookie";
  name: string;
}

export interface SchemaAliasModel {
  /** Key under components.schemas. */
  schemaName: string;
  /** Exported TypeScript name. */
  typeName: string;
  description?: string;
  deprecated: boolean;
}

export interface ApiModel {
  title: string;
  version: string;
  operations: OperationModel[];
  notices: ModelNotice[];
  servers: ServerModel[];
  apiKeyScheme?: ApiKeySchemeModel;
  schemaAliases: SchemaAliasModel[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function resolveRef(doc: Json, value: unknown, where: string): Json {
  let current = value;
  const seen = new Set<string>();
  while (isObject(current) && typeof current.$ref === "string") {
    const ref = current.$ref;
    if (!ref.startsWith("#/")) {
      throw new SpecError(
        `${where}: only local references are supported, found "${plainText(ref)}". Bundle the document first.`,
      );
    }
    if (seen.has(ref)) throw new SpecError(`${where}: circular reference "${plainText(ref)}".`);
    seen.add(ref);
    let target: unknown = doc;
    for (const raw of ref.slice(2).split("/")) {
      const segment = raw.replaceAll("~1", "/").replaceAll("~0", "~");
      target = isObject(target) && Object.hasOwn(target, segment) ? target[segment] : undefined;
    }
    if (target === undefined)
      throw new SpecError(`${where}: reference "${plainText(ref)}" points at nothing.`);
    current = target;
  }
  if (!isObject(current)) throw new SpecError(`${where}: expected an object.`);
  return current;
}

/**
 * Members of the client object an operation method may not shadow: the runtime's own (`baseUrl`, `call`,
 * and `toString`/`toJSON`, which keep the key redacted; checked against AngoRuntime in
 * corpus-tests/test/reserved-names.test.ts), the promise protocol (a `then` would make the client
 * thenable) and Object.prototype's.
 */
export const CLIENT_MEMBER_NAMES: readonly string[] = [
  "baseUrl",
  "call",
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
 * The generated name of an operation. An operationId that is an identifier is used as it is. Another
 * operationId is camel-cased from its words (`games.achievements.resetAll` -> `gamesAchievementsResetAll`).
 * Without one, the name is the method and the path's words, parameters as `By<Name>`
 * (`GET /projects/{projectId}/tasks` -> `getProjectsByProjectIdTasks`). A name the client reserves gets
 * the method in front (`then` -> `getThen`). Clashes are settled in operationBaseNames.
 */
export function operationName(operationId: string | undefined, method: HttpMethod, path: string): string {
  let name: string;
  if (operationId !== undefined && IDENTIFIER.test(operationId)) name = operationId;
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

/** OpenAPI: header parameters with these names "SHALL be ignored" (the client sets them itself). */
const IGNORED_HEADERS = /^(accept|content-type|authorization)$/i;

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
    const schema =
      param.schema === undefined ? {} : resolveRef(doc, param.schema, `${where}.parameters[${index}].schema`);
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
      ...(typeof schema.maximum === "number" ? { maximum: schema.maximum } : {}),
    } as ParameterModel;
  });
}

/** Operation-level parameters override path-level ones with the same name and location. */
function mergeParameters(pathLevel: ParameterModel[], operationLevel: ParameterModel[]): ParameterModel[] {
  const merged = new Map<string, ParameterModel>();
  for (const param of [...pathLevel, ...operationLevel]) merged.set(`${param.in}:${param.name}`, param);
  return [...merged.values()];
}

const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json(?:;|$)|^\*\/\*$/i;

export function isJsonMediaType(contentType: string): boolean {
  return /^application\/(?:[\w.+-]+\+)?json(?:;|$)/i.test(contentType);
}

function bodyEncoding(mediaType: string): BodyEncoding {
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
  const ranked = [...contentTypes].sort(
    (a, b) => ENCODING_PREFERENCE.indexOf(bodyEncoding(a)) - ENCODING_PREFERENCE.indexOf(bodyEncoding(b)),
  );
  const mediaType = ranked[0] as string;
  const schemaName = componentSchemaName((body.content as Json)[mediaType]);
  return {
    required: body.required === true,
    contentTypes,
    mediaType,
    encoding: bodyEncoding(mediaType),
    ...(schemaName !== undefined ? { schemaName } : {}),
  };
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
  if (types.some((t) => JSON_MEDIA.test(t))) return "json";
  if (types.length === 0) return "none";
  return types.every((t) => bodyEncoding(t) === "text") ? "text" : "blob";
}

/** Ango's documented largest page, for a list whose `limit` declares no maximum. */
const ANGO_PAGE_SIZE = 100;

/**
 * Ango's list convention: `page` and `limit` query parameters, and a 200 JSON body whose `data` holds
 * exactly one array property beside a numeric `total`. The array's name is what the iterator yields.
 */
function readPagination(
  doc: Json,
  parameters: ParameterModel[],
  response: unknown,
  where: string,
): OperationModel["pagination"] {
  const query = new Set(parameters.filter((p) => p.in === "query").map((p) => p.name));
  if (!query.has("page") || !query.has("limit") || !isObject(response)) return undefined;
  const content = isObject(response.content) ? response.content : {};
  const json = content["application/json"];
  if (!isObject(json) || json.schema === undefined) return undefined;
  const schema = resolveRef(doc, json.schema, `${where} response schema`);
  const data = isObject(schema.properties) ? schema.properties.data : undefined;
  if (data === undefined) return undefined;
  const dataSchema = resolveRef(doc, data, `${where} response data`);
  const properties = isObject(dataSchema.properties) ? dataSchema.properties : {};
  if (properties.total === undefined) return undefined;
  const arrays = Object.entries(properties).filter(
    ([, value]) => resolveRef(doc, value, `${where} response data`).type === "array",
  );
  if (arrays.length !== 1) return undefined;
  const declared = parameters.find((p) => p.in === "query" && p.name === "limit")?.maximum;
  const pageSize =
    declared !== undefined && Number.isInteger(declared) && declared >= 1 ? declared : ANGO_PAGE_SIZE;
  return { items: (arrays[0] as [string, unknown])[0], pageSize };
}

function readOperations(doc: Json, overrides: Overrides, notices: ModelNotice[]): OperationModel[] {
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
      });
      if (
        operationId === undefined ||
        !IDENTIFIER.test(operationId) ||
        RESERVED_OPERATION_NAMES.has(operationId)
      ) {
        notices.push({
          where,
          message: `${operationId === undefined ? "no operationId" : `operationId "${plainText(operationId)}" is not usable as a name`}; generated as "${operationName(operationId, method, path)}".`,
        });
      }
    }
  }
  operations.sort(
    (a, b) =>
      a.name.localeCompare(b.name) || a.path.localeCompare(b.path) || a.method.localeCompare(b.method),
  );
  settleNameClashes(operations, notices);
  return operations;
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
 * Every identifier the operations file exports per operation; a name that would collide with another
 * operation's gets the lowest free numeric suffix, in the sorted order above (so the result is stable).
 */
function settleNameClashes(operations: OperationModel[], notices: ModelNotice[]): void {
  const taken = new Set(GENERATED_MODULE_NAMES.map((n) => n.toLowerCase()));
  const exported = (name: string) => {
    const pascal = name.charAt(0).toUpperCase() + name.slice(1);
    return [
      name,
      `${name}Operation`,
      `${pascal}Input`,
      `${pascal}Result`,
      `${pascal}ErrorBody`,
      `${pascal}Item`,
      `iterate${pascal}`,
    ];
  };
  for (const op of operations) {
    let name = op.name;
    for (let suffix = 2; exported(name).some((n) => taken.has(n.toLowerCase())); suffix++)
      name = `${op.name}${suffix}`;
    if (name !== op.name) {
      notices.push({
        where: `${op.method.toUpperCase()} ${plainText(op.path)}`,
        message: `the name "${op.name}" is taken by another operation; generated as "${name}".`,
      });
      op.name = name;
    }
    for (const n of exported(name)) taken.add(n.toLowerCase());
  }
}

/** Knowledge the spec cannot express, kept beside it in `<spec>.overrides.json`. */
/** The mock's built-in handlers an operation can be given (`@ango-hub/testing`'s BatchStore). */
export const MOCK_HANDLERS = ["batch-store"] as const;
export type MockHandler = (typeof MOCK_HANDLERS)[number];

export interface Overrides {
  operations: Record<string, { idempotent?: IdempotencyModel; mock?: MockHandler }>;
}

export function readOverrides(raw: unknown): Overrides {
  if (raw === undefined) return { operations: {} };
  if (!isObject(raw) || !isObject(raw.operations))
    throw new SpecError('The overrides file must be { "operations": { "<operationId>": { ... } } }.');
  for (const [id, entry] of Object.entries(raw.operations)) {
    const idempotent = isObject(entry) ? entry.idempotent : undefined;
    const valid =
      idempotent === undefined ||
      typeof idempotent === "boolean" ||
      (isObject(idempotent) && typeof idempotent.every === "string" && typeof idempotent.has === "string");
    if (!valid)
      throw new SpecError(
        `overrides.operations.${id}.idempotent must be true, false or { "every": "<array field>", "has": "<item field>" }.`,
      );
    const mock = isObject(entry) ? entry.mock : undefined;
    if (mock !== undefined && !MOCK_HANDLERS.includes(mock as MockHandler))
      throw new SpecError(
        `overrides.operations.${id}.mock must be one of the mock's built-in handlers: ${MOCK_HANDLERS.map((h) => `"${h}"`).join(", ")}.`,
      );
  }
  return raw as unknown as Overrides;
}

/** Region words that have a well-known two-letter code; any other first word is used as it is. */
const REGION_CODES: Record<string, string> = {
  europe: "eu",
  european: "eu",
  america: "us",
  usa: "us",
  india: "in",
  japan: "jp",
  germany: "de",
  australia: "au",
  canada: "ca",
  singapore: "sg",
  brazil: "br",
  korea: "kr",
};

/**
 * The preset key of a server: the first word of its description, lower-cased, replaced by its
 * two-letter code when it names a region in REGION_CODES ("India Production Server" -> "in").
 * A server without a description is keyed by the first label of its host name.
 */
export function serverKey(server: { url: string; description?: string }): string {
  const firstWord = server.description
    ?.trim()
    .split(/\s+/)[0]
    ?.toLowerCase()
    .replace(/[^a-z0-9]/g, "");
  // hasOwn: a description starting with "Constructor" must not find Object.prototype.constructor.
  if (firstWord)
    return Object.hasOwn(REGION_CODES, firstWord) ? (REGION_CODES[firstWord] as string) : firstWord;
  const host = /^[a-z]+:\/\/([^/:]+)/i.exec(server.url)?.[1] ?? server.url;
  return (host.split(".")[0] ?? host).toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Hosts to which plain http is allowed, as for the client's `server` option: the key stays on this machine. */
const LOOPBACK_HOST = /^(localhost|\[::1\]|127(\.\d{1,3}){3})$/;

/**
 * Why a server URL cannot be a preset, or undefined when it can. The same rule as the client's `server`
 * option: an absolute https URL (http only on loopback) without credentials, query or fragment.
 */
export function serverUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "is not an absolute URL; the client needs one such as https://host/v2";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "is not an http(s) URL";
  if (url.username || url.password) return "holds credentials, which the client never sends";
  if (/[?#]/.test(text)) return "has a query or fragment, which a base URL cannot have";
  if (url.protocol === "http:" && !LOOPBACK_HOST.test(url.hostname))
    return "is plain http on a non-loopback host: the API key would travel unencrypted";
  return undefined;
}

/** A server URL with each `{variable}` replaced by its default, as the spec says clients should. */
function expandServerUrl(entry: Json, where: string): string {
  const variables = isObject(entry.variables) ? entry.variables : {};
  return (entry.url as string).replace(/\{([^}]+)\}/g, (_, name: string) => {
    const variable = variables[name];
    if (!isObject(variable) || typeof variable.default !== "string")
      throw new SpecError(`${where}: server variable "${plainText(name)}" needs a default.`);
    return variable.default;
  });
}

function readServers(doc: Json, notices: ModelNotice[]): ServerModel[] {
  const raw = doc.servers;
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new SpecError('"servers" must be an array.');
  const servers = raw.map((entry, index) => {
    if (!isObject(entry) || typeof entry.url !== "string")
      throw new SpecError(`servers[${index}] needs a "url".`);
    const url = expandServerUrl(entry, `servers[${index}]`);
    const problem = serverUrlProblem(url);
    if (problem) throw new SpecError(`servers[${index}]: "${plainText(url)}" ${problem}.`);
    const description = typeof entry.description === "string" ? entry.description : undefined;
    return { key: serverKey({ url, ...(description ? { description } : {}) }) || "server", url, description };
  });
  const keys = new Set<string>();
  for (const server of servers) {
    const wanted = server.key;
    for (let suffix = 2; keys.has(server.key); suffix++) server.key = `${wanted}${suffix}`;
    if (server.key !== wanted)
      notices.push({
        where: "servers",
        message: `two servers map to the preset key "${wanted}"; the later one is "${server.key}".`,
      });
    keys.add(server.key);
  }
  return servers.map(({ key, url, description }) => ({ key, url, ...(description ? { description } : {}) }));
}

function readApiKeyScheme(doc: Json): ApiKeySchemeModel | undefined {
  const security = Array.isArray(doc.security) ? doc.security : [];
  const schemes =
    isObject(doc.components) && isObject(doc.components.securitySchemes)
      ? doc.components.securitySchemes
      : {};
  for (const requirement of security) {
    if (!isObject(requirement)) continue;
    for (const schemeName of Object.keys(requirement)) {
      if (!Object.hasOwn(schemes, schemeName))
        throw new SpecError(
          `security names "${plainText(schemeName)}", which components.securitySchemes does not define.`,
        );
      const scheme = resolveRef(doc, schemes[schemeName], `securitySchemes.${plainText(schemeName)}`);
      if (scheme.type !== "apiKey") continue;
      if (
        (scheme.in !== "header" && scheme.in !== "query" && scheme.in !== "cookie") ||
        typeof scheme.name !== "string"
      ) {
        throw new SpecError(
          `securitySchemes.${plainText(schemeName)}: an apiKey scheme needs "in" and "name".`,
        );
      }
      return { schemeName, in: scheme.in, name: scheme.name };
    }
  }
  return undefined;
}

/**
 * Exported alias name for a component schema: PascalCase of its key, made a valid identifier. Being
 * capitalised, it can never clash with openapi-typescript's lower-case `paths`/`components`/`operations`.
 */
export function schemaTypeName(schemaName: string): string {
  const words = schemaName.split(/[^A-Za-z0-9]+/).filter(Boolean);
  let name = words.map((word) => word[0]?.toUpperCase() + word.slice(1)).join("");
  if (!/^[A-Za-z_]/.test(name)) name = `Schema${name}`;
  return name;
}

function readSchemaAliases(doc: Json, notices: ModelNotice[]): SchemaAliasModel[] {
  const schemas = isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
  const taken = new Set<string>();
  // Sorted, so which of two clashing schemas gets the suffix does not depend on key order.
  return Object.entries(schemas)
    .sort(([a], [b]) => compareCodeUnits(a, b))
    .map(([schemaName, schema]) => {
      const wanted = schemaTypeName(schemaName);
      let typeName = wanted;
      for (let suffix = 2; taken.has(typeName); suffix++) typeName = `${wanted}${suffix}`;
      if (typeName !== wanted)
        notices.push({
          where: `components.schemas.${plainText(schemaName)}`,
          message: `the type name "${wanted}" is taken; generated as "${typeName}".`,
        });
      taken.add(typeName);
      const description =
        isObject(schema) && typeof schema.description === "string" ? schema.description : undefined;
      return {
        schemaName,
        typeName,
        ...(description ? { description } : {}),
        deprecated: isObject(schema) && schema.deprecated === true,
      };
    });
}

export function readApiModel(doc: unknown, overridesDocument?: unknown): ApiModel {
  if (!isObject(doc)) throw new SpecError("The OpenAPI document must be a JSON object.");
  if (typeof doc.openapi !== "string" || !doc.openapi.startsWith("3.")) {
    throw new SpecError(
      `Only OpenAPI 3.x documents are supported (found "openapi": ${plainText(String(JSON.stringify(doc.openapi)))}).`,
    );
  }
  checkDocument(doc);
  const info = isObject(doc.info) ? doc.info : {};
  const notices: ModelNotice[] = [];
  const operations = readOperations(doc, readOverrides(overridesDocument), notices);
  if (operations.length > DOCUMENT_LIMITS.maxOperations)
    throw new SpecError(
      `The document has ${operations.length} operations, over the limit of ${DOCUMENT_LIMITS.maxOperations} (DOCUMENT_LIMITS.maxOperations).`,
    );
  return {
    title: typeof info.title === "string" ? info.title : "API",
    version: typeof info.version === "string" ? info.version : "0.0.0",
    operations,
    notices,
    servers: readServers(doc, notices),
    apiKeyScheme: readApiKeyScheme(doc),
    schemaAliases: readSchemaAliases(doc, notices),
  };
}

/** Plain string order by UTF-16 code units (the same on every machine, unlike a locale's). */
export function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
