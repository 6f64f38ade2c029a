// Reads an OpenAPI 3.0 document into the small model the emitters need. Only local `#/...` references
// are followed: the project keeps one self-contained document in spec/.
// The reading is split by OpenAPI object: refs.ts, operations.ts (with names.ts), servers.ts, schemas.ts;
// what is Ango's own (the list convention, region codes, the overrides file) is in conventions.ts.

import type { BodyField } from "@ango-hub/cli/runner";
import type { ResponsePlan, ShapeNode } from "@ango-hub/client/contract";
import { readErrorMessagePaths, readOverrides } from "./conventions.js";
import { checkDocument, DOCUMENT_LIMITS } from "./document-checks.js";
import { readOperations } from "./operations.js";
import { isObject } from "./refs.js";
import { ResponsePlans } from "./response-plans.js";
import { readSchemaAliases } from "./schemas.js";
import { readApiKeyScheme, readServers } from "./servers.js";
import { SpecError } from "./spec-error.js";
import { plainText } from "./text.js";

export {
  CLIENT_MEMBER_NAMES,
  compareCodeUnits,
  GENERATED_MODULE_NAMES,
  operationName,
  RESERVED_OPERATION_NAMES,
} from "@ango-hub/openapi-reader";
export {
  MOCK_HANDLERS,
  type MockHandler,
  type Overrides,
  readOverrides,
} from "./conventions.js";
export { HTTP_METHODS, isJsonMediaType } from "./operations.js";
export { resolveRef } from "./refs.js";
export { schemaTypeName } from "./schemas.js";
export { serverKey, serverUrlProblem } from "./servers.js";
export { SpecError };

import type { HttpMethod } from "@ango-hub/openapi-reader";

export type { HttpMethod };

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
  /** The parameter declares a JSON media type (`content`): its value travels as JSON text. */
  json?: boolean;
  /** The schema as the document writes it (a `$ref` left as one), for a tool's input schema. */
  schema?: unknown;
  /** The schema's `maximum`, when it declares one. */
  maximum?: number;
  /** The schema's JSON type (`string`, `integer`, `array`, ...), when it names one. */
  type?: string;
  /** The values the schema allows, when it lists them (strings, numbers, booleans). */
  enum?: (string | number | boolean)[];
}

export type BodyEncoding = "json" | "multipart" | "form" | "binary" | "text";
export type ResponseKind = "json" | "text" | "blob" | "none";

/** When repeating a non-idempotent call is safe, from the overrides file (see readOverrides). */
export type IdempotencyModel = boolean | { every: string; has: string };

/** How a list pages, as the runtime's PageShape (`@ango-hub/client/contract`) reads it. */
export interface PageShapeModel {
  pageParam: string;
  firstPage: number;
  limitParam: string;
  pageSize: number;
  /** Property names from the success body to the items array. */
  items: string[];
  /** Property names from the success body to the total count. */
  total: string[];
}

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
    /** The chosen media type's schema as the document writes it, for a tool's input schema. */
    schema?: unknown;
    /** The chosen media type's top-level properties (and theirs, one level down), for help text. */
    fields?: BodyField[];
    /** A JSON body to show in help: the spec's example when short, else the required fields' skeleton. */
    example?: string;
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
    /** Content types are declared, but none with a schema: the body is not described, and may be empty. */
    undescribed: boolean;
  }[];
  /** Non-2xx statuses (and "default") whose responses declare a JSON body. */
  /** Non-2xx responses with a JSON body: the status key, the media type, and its schema as written. */
  errorResponses: { status: string; mediaType: string; schema?: unknown }[];
  response: ResponseKind;
  /** The first success response's JSON schema as the document writes it, for a tool's output schema. */
  resultSchema?: unknown;
  idempotent?: IdempotencyModel;
  /**
   * Set for a list whose pages the conventions recognise (conventions.ts, readPagination): the runtime's
   * PageShape, written into the descriptor as data.
   */
  pagination?: PageShapeModel;
  /**
   * Every declared response, reduced to what response validation checks (response-plans.ts); its
   * `schemas` is the model's `responseSchemas`, shared by every operation.
   */
  responsePlan: ResponsePlan;
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

/** Where the client sends its key: always a request header (servers.ts says which schemes qualify). */
export interface ApiKeySchemeModel {
  schemeName: string;
  in: "header";
  /** The header's name, as the spec writes it. */
  name: string;
  /** What goes before the key in that header: `"Bearer "` for an http bearer scheme, empty for an apiKey. */
  prefix: string;
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
  /** Where an error body says what went wrong, each a path of property names (readErrorMessagePaths). */
  errorMessagePaths: string[][];
  schemaAliases: SchemaAliasModel[];
  /** The schemas every operation's response plan indexes into, each once (response-plans.ts). */
  responseSchemas: readonly ShapeNode[];
}

/** A property of a request body, for help text: the CLI's type, which its help prints. */
export type { BodyField };

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
  const plans = new ResponsePlans(doc);
  const operations = readOperations(doc, readOverrides(overridesDocument), notices, plans);
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
    errorMessagePaths: readErrorMessagePaths(doc, operations),
    schemaAliases: readSchemaAliases(doc, notices),
    responseSchemas: plans.schemas,
  };
}
