// Reads an OpenAPI 3.0 document into the small model the emitters need. Only local `#/...` references
// are followed: the project keeps one self-contained document in spec/.

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
}

export interface OperationModel {
  operationId: string;
  method: HttpMethod;
  path: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  parameters: ParameterModel[];
  requestBody?: { required: boolean; contentTypes: string[] };
  /** 2xx status codes in ascending order, each with its response content types (empty: no body). */
  successResponses: { status: number; contentTypes: string[] }[];
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
  servers: ServerModel[];
  apiKeyScheme?: ApiKeySchemeModel;
  schemaAliases: SchemaAliasModel[];
}

export class SpecError extends Error {
  override name = "SpecError";
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
        `${where}: only local references are supported, found "${ref}". Bundle the document first.`,
      );
    }
    if (seen.has(ref)) throw new SpecError(`${where}: circular reference "${ref}".`);
    seen.add(ref);
    let target: unknown = doc;
    for (const raw of ref.slice(2).split("/")) {
      const segment = raw.replaceAll("~1", "/").replaceAll("~0", "~");
      target = isObject(target) ? target[segment] : undefined;
    }
    if (target === undefined) throw new SpecError(`${where}: reference "${ref}" points at nothing.`);
    current = target;
  }
  if (!isObject(current)) throw new SpecError(`${where}: expected an object.`);
  return current;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function readParameters(doc: Json, raw: unknown, where: string): ParameterModel[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new SpecError(`${where}.parameters must be an array.`);
  return raw.map((entry, index) => {
    const param = resolveRef(doc, entry, `${where}.parameters[${index}]`);
    const location = param.in;
    if (location !== "path" && location !== "query" && location !== "header" && location !== "cookie") {
      throw new SpecError(`${where}.parameters[${index}]: "in" must be path, query, header or cookie.`);
    }
    if (typeof param.name !== "string" || param.name === "") {
      throw new SpecError(`${where}.parameters[${index}]: missing "name".`);
    }
    return {
      name: param.name,
      in: location,
      required: location === "path" || param.required === true,
      ...(typeof param.description === "string" ? { description: param.description } : {}),
    };
  });
}

/** Operation-level parameters override path-level ones with the same name and location. */
function mergeParameters(pathLevel: ParameterModel[], operationLevel: ParameterModel[]): ParameterModel[] {
  const merged = new Map<string, ParameterModel>();
  for (const param of [...pathLevel, ...operationLevel]) merged.set(`${param.in}:${param.name}`, param);
  return [...merged.values()];
}

function readOperations(doc: Json): OperationModel[] {
  const paths = doc.paths;
  if (!isObject(paths)) throw new SpecError('The document has no "paths" object.');
  const operations: OperationModel[] = [];
  const seenIds = new Map<string, string>();
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolveRef(doc, rawItem, `paths["${path}"]`);
    const pathParameters = readParameters(doc, item.parameters, `paths["${path}"]`);
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (op === undefined) continue;
      const where = `${method.toUpperCase()} ${path}`;
      if (!isObject(op)) throw new SpecError(`${where}: expected an operation object.`);
      const operationId = op.operationId;
      if (typeof operationId !== "string" || !IDENTIFIER.test(operationId)) {
        throw new SpecError(
          `${where}: every operation needs an operationId that is a valid identifier (found ${JSON.stringify(operationId)}); the generated function is named after it.`,
        );
      }
      const previous = seenIds.get(operationId);
      if (previous)
        throw new SpecError(`${where}: operationId "${operationId}" is also used by ${previous}.`);
      seenIds.set(operationId, where);

      const parameters = mergeParameters(pathParameters, readParameters(doc, op.parameters, where));
      const templateNames = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
      const pathParamNames = parameters.filter((p) => p.in === "path").map((p) => p.name);
      for (const name of templateNames) {
        if (!pathParamNames.includes(name))
          throw new SpecError(`${where}: path parameter "${name}" is not declared.`);
      }
      for (const name of pathParamNames) {
        if (!templateNames.includes(name))
          throw new SpecError(`${where}: path parameter "${name}" is not in the path.`);
      }

      let requestBody: OperationModel["requestBody"];
      if (op.requestBody !== undefined) {
        const body = resolveRef(doc, op.requestBody, `${where} requestBody`);
        const content = isObject(body.content) ? Object.keys(body.content) : [];
        requestBody = { required: body.required === true, contentTypes: content };
      }

      const responses = isObject(op.responses) ? op.responses : {};
      const successResponses = Object.keys(responses)
        .filter((code) => /^2\d\d$/.test(code))
        .map((code) => {
          const response = resolveRef(doc, responses[code], `${where} responses[${code}]`);
          return {
            status: Number(code),
            contentTypes: isObject(response.content) ? Object.keys(response.content) : [],
          };
        })
        .sort((a, b) => a.status - b.status);

      operations.push({
        operationId,
        method,
        path,
        ...(typeof op.summary === "string" ? { summary: op.summary } : {}),
        ...(typeof op.description === "string" ? { description: op.description } : {}),
        deprecated: op.deprecated === true,
        parameters,
        ...(requestBody ? { requestBody } : {}),
        successResponses,
      });
    }
  }
  return operations.sort((a, b) => a.operationId.localeCompare(b.operationId));
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
  if (firstWord) return REGION_CODES[firstWord] ?? firstWord;
  const host = /^[a-z]+:\/\/([^/:]+)/i.exec(server.url)?.[1] ?? server.url;
  return (host.split(".")[0] ?? host).toLowerCase().replace(/[^a-z0-9]/g, "");
}

function readServers(doc: Json): ServerModel[] {
  const raw = doc.servers;
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new SpecError('"servers" must be an array.');
  const servers = raw.map((entry, index) => {
    if (!isObject(entry) || typeof entry.url !== "string")
      throw new SpecError(`servers[${index}] needs a "url".`);
    if (entry.variables !== undefined) {
      throw new SpecError(
        `servers[${index}] uses server variables, which the preset generator does not support yet.`,
      );
    }
    const description = typeof entry.description === "string" ? entry.description : undefined;
    return {
      key: serverKey({ url: entry.url, ...(description ? { description } : {}) }),
      url: entry.url,
      description,
    };
  });
  const keys = new Set<string>();
  for (const server of servers) {
    if (keys.has(server.key)) {
      throw new SpecError(
        `Two servers map to the preset key "${server.key}"; give them descriptions whose first words differ.`,
      );
    }
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
      const scheme = resolveRef(doc, schemes[schemeName], `securitySchemes.${schemeName}`);
      if (scheme.type !== "apiKey") continue;
      if (
        (scheme.in !== "header" && scheme.in !== "query" && scheme.in !== "cookie") ||
        typeof scheme.name !== "string"
      ) {
        throw new SpecError(`securitySchemes.${schemeName}: an apiKey scheme needs "in" and "name".`);
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

function readSchemaAliases(doc: Json): SchemaAliasModel[] {
  const schemas = isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
  const taken = new Map<string, string>();
  return Object.entries(schemas).map(([schemaName, schema]) => {
    const typeName = schemaTypeName(schemaName);
    const clash = taken.get(typeName);
    if (clash)
      throw new SpecError(`Schemas "${clash}" and "${schemaName}" both become the type name "${typeName}".`);
    taken.set(typeName, schemaName);
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

export function readApiModel(doc: unknown): ApiModel {
  if (!isObject(doc)) throw new SpecError("The OpenAPI document must be a JSON object.");
  if (typeof doc.openapi !== "string" || !doc.openapi.startsWith("3.")) {
    throw new SpecError(
      `Only OpenAPI 3.x documents are supported (found "openapi": ${JSON.stringify(doc.openapi)}).`,
    );
  }
  const info = isObject(doc.info) ? doc.info : {};
  return {
    title: typeof info.title === "string" ? info.title : "API",
    version: typeof info.version === "string" ? info.version : "0.0.0",
    operations: readOperations(doc),
    servers: readServers(doc),
    apiKeyScheme: readApiKeyScheme(doc),
    schemaAliases: readSchemaAliases(doc),
  };
}
