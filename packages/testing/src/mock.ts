import type { Batch, ProjectResponse } from "@ango-hub/types";
import { type Context, type Document, OpenAPIBackend, ValidationContext } from "openapi-backend";
import { configureAjv } from "./ajv.js";
import { openApiDocument } from "./generated/openapi-document.js";
import { readPathValue, type StyledPathParameter, takeStyledPathParameters } from "./path-styles.js";
import { HTTP_METHODS, parametersOf, resolveLocalRef } from "./refs.js";
import { sampleValue } from "./samples.js";

export { resolveLocalRef };

export interface MockAngoOptions {
  /** The only API key accepted. Default: any non-empty key in the spec's key header. */
  apiKey?: string;
  /**
   * Answers an operation yourself, after the request passed validation (return undefined to keep the
   * built-in behaviour). Use it to serve fixtures or errors. If it throws, the mock answers 500.
   */
  respond?: (call: MockCall) => MockResponse | undefined;
  /**
   * What `updateProjectBatches` does with the batches it is sent. `"replace"` (default): the project's
   * batches become exactly the list sent, as the official Python SDK assumes (it sends the existing
   * batches plus the new ones). `"merge"`: a known `_id` is renamed, anything else is added.
   */
  batchUpdate?: "replace" | "merge";
  /** The OpenAPI 3.0 document to serve. Default: the Ango Hub spec this package was generated from. */
  document?: object;
  /** Request bodies larger than this are answered 413. Default 10 MiB. */
  maxBodyBytes?: number;
  /** How many requests `calls` keeps, the newest last (older ones are dropped). Default 10,000. */
  maxRecordedCalls?: number;
}

export interface MockCall {
  operationId: string;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  headers: Headers;
}

export interface MockResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One request the mock saw, valid or not. */
export interface RecordedCall {
  method: string;
  path: string;
  operationId: string | undefined;
  status: number;
  /** Whether the request passed validation against the spec. */
  valid: boolean;
  /** Why it did not, in words. */
  reason?: string;
}

type Outcome = MockResponse & { operationId?: string | undefined; valid: boolean; reason?: string };
/** A JSON object of an OpenAPI document, read without a schema. */
// biome-ignore lint/suspicious/noExplicitAny: walking an untyped OpenAPI document
export type Json = Record<string, any>;

/** The largest request body the mock reads unless `maxBodyBytes` says otherwise (10 MiB). */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** How many requests `calls` keeps unless `maxRecordedCalls` says otherwise. */
export const DEFAULT_MAX_RECORDED_CALLS = 10_000;

/** The path of a document's first server URL (`/v2` for Ango): the mock serves the API under it. */
export function serverBasePath(document: { servers?: { url: string }[] }): string {
  const url = (document.servers?.[0]?.url ?? "/").replace(/\{[^}]+\}/g, "x");
  return new URL(url, "http://x/").pathname.replace(/\/$/, "");
}

/** The path of the spec's first server URL (`/v2`): the mock serves the API under it. */
export const basePath = serverBasePath(openApiDocument);

const isJsonType = (type: string) => /^application\/(?:[\w.+-]+\+)?json\b/i.test(type);

/**
 * A copy of the document the mock can route every operation of: an operation without an operationId
 * gets `<METHOD> <path>` as its id (recorded calls show it so).
 */
function prepareDocument(source: object): Json {
  const document = structuredClone(source) as Json;
  // OpenAPI: header parameters named Accept, Content-Type or Authorization "SHALL be ignored".
  const keep = (param: Json) => {
    const resolved = resolveLocalRef(document, param);
    return !(
      resolved?.in === "header" && /^(accept|content-type|authorization)$/i.test(String(resolved.name))
    );
  };
  for (const [path, raw] of Object.entries((document.paths ?? {}) as Json)) {
    // openapi-backend routes only inline path items: a referenced one is copied in place.
    const item = typeof raw?.$ref === "string" ? structuredClone(resolveLocalRef(document, raw)) : raw;
    document.paths[path] = item;
    if (Array.isArray(item?.parameters)) item.parameters = item.parameters.filter(keep);
    for (const method of HTTP_METHODS) {
      const op = item?.[method];
      if (!op) continue;
      if (typeof op.operationId !== "string") op.operationId = `${method.toUpperCase()} ${path}`;
      if (Array.isArray(op.parameters)) op.parameters = op.parameters.filter(keep);
    }
  }
  inlinePathReferences(document);
  withJsonSchemaDialect(document);
  return document;
}

/** How many references into `#/paths` the mock copies in place before it stops (a cycle of them). */
const MAX_INLINED_PATH_REFERENCES = 10_000;

/**
 * A `$ref` into `#/paths/...` (a schema reused from another operation's body) replaced by a copy of what
 * it points at. openapi-backend's dereferencer reads `#/paths` pointers wrong and cannot start for such
 * a document; the document means the same either way.
 */
function inlinePathReferences(document: Json): void {
  const stack: unknown[] = [document.paths, document.components];
  let inlined = 0;
  while (stack.length > 0 && inlined < MAX_INLINED_PATH_REFERENCES) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    const object = node as Json;
    if (typeof object.$ref === "string" && object.$ref.startsWith("#/paths/")) {
      const target = resolveLocalRef(document, object);
      if (typeof target === "object" && target !== null) {
        delete object.$ref;
        Object.assign(object, structuredClone(target));
        inlined++;
      }
    }
    for (const child of Object.values(object)) stack.push(child);
  }
}

/**
 * openapi-backend 5.21 drops `format: binary` properties from `required` in request bodies by walking the
 * dereferenced schema without noting where it has been, so a self-referencing body (valid OpenAPI) overflows
 * the stack. The same rule, walked once per schema object, replaces it on this instance. Should the method
 * be renamed upstream this does nothing, and the corpus's circular documents fail again.
 */
function withCycleSafeBinaryRemoval(api: OpenAPIBackend): void {
  const validator = (api as unknown as { validator?: Json }).validator;
  if (typeof validator?.removeBinaryPropertiesFromRequired !== "function") return;
  validator.removeBinaryPropertiesFromRequired = (root: unknown) => {
    const seen = new WeakSet<object>();
    const stack: unknown[] = [root];
    while (stack.length > 0) {
      const schema = stack.pop() as Json | undefined;
      if (typeof schema !== "object" || schema === null || seen.has(schema)) continue;
      seen.add(schema);
      if (schema.properties && Array.isArray(schema.required)) {
        const binary = Object.keys(schema.properties).filter(
          (name) =>
            schema.properties[name]?.type === "string" && schema.properties[name]?.format === "binary",
        );
        if (binary.length > 0)
          schema.required = schema.required.filter((name: string) => !binary.includes(name));
      }
      if (schema.properties) stack.push(...Object.values(schema.properties));
      for (const key of ["allOf", "anyOf", "oneOf"])
        if (Array.isArray(schema[key])) stack.push(...schema[key]);
    }
  };
}

/**
 * A `oneOf`/`anyOf` with a discriminator, as OpenAPI defines it: a value belongs to the branch its
 * discriminator property names (by `mapping`, else by the branch's schema name). Each branch is given
 * that as a constraint, so branches that would otherwise accept the same value (every property
 * optional, no `additionalProperties: false`) no longer all match one value and fail `oneOf`.
 */
function withDiscriminatedBranches(schema: Json, document: Json): void {
  const key = (["oneOf", "anyOf"] as const).find((name) => Array.isArray(schema[name]));
  if (key === undefined) return;
  const discriminator = (schema.discriminator ?? inheritedDiscriminator(schema[key], document)) as Json;
  const property = discriminator?.propertyName;
  if (typeof property !== "string") return;
  const mapping = Object.entries((discriminator.mapping ?? {}) as Record<string, unknown>);
  const nameOf = (ref: string) => ref.split("/").pop() as string;
  schema[key] = (schema[key] as Json[]).map((branch) => {
    const ref = typeof branch?.$ref === "string" ? (branch.$ref as string) : undefined;
    if (!ref) return branch;
    const named = mapping
      .filter(([, target]) => typeof target === "string" && (target === ref || target === nameOf(ref)))
      .map(([value]) => value);
    const values = named.length > 0 ? named : [nameOf(ref)];
    return { allOf: [branch, { properties: { [property]: { enum: values } }, required: [property] }] };
  });
}

/**
 * The discriminator every branch inherits, when the `oneOf`/`anyOf` declares none: OpenAPI 3.0 lets it sit
 * on a base schema that each branch extends with `allOf` (`Cat: allOf: [Pet, ...]`, `Pet` declaring
 * `discriminator: { propertyName: pet_type }`). Undefined unless every branch is a reference to a
 * schema whose `allOf` holds the same base.
 */
function inheritedDiscriminator(branches: Json[], document: Json): Json | undefined {
  let found: Json | undefined;
  for (const branch of branches) {
    if (typeof branch?.$ref !== "string") return undefined;
    const parts = (resolveLocalRef(document, branch)?.allOf ?? []) as Json[];
    const base = parts
      .map((part) => resolveLocalRef(document, part))
      .find((part) => typeof part?.discriminator?.propertyName === "string");
    if (!base || (found && found !== base)) return undefined;
    found = base;
  }
  return found?.discriminator;
}

/**
 * OpenAPI 3.0's schema dialect as the validator (Ajv, JSON Schema draft 7) must read it, in place:
 * - `nullable: true` without `type` (common beside `allOf`/`$ref`) admits null, as openapi-typescript
 *   types it (`| null`): the schema becomes `anyOf: [itself, { type: "null" }]`. Ajv refuses `nullable`
 *   without `type` outright, which made one such schema stop every validation of a document.
 * - boolean `exclusiveMaximum`/`exclusiveMinimum` (3.0) become draft 7's numbers;
 * - a repeated enum value is dropped (Ajv refuses the schema for it);
 * - a discriminated `oneOf`/`anyOf` chooses its branch by the discriminator (withDiscriminatedBranches).
 * Walked without recursion; `nullable`/`exclusive*` keys are changed only where their value is a boolean,
 * so a property of that name (a schema object) is left alone.
 */
export function withJsonSchemaDialect(document: Json): void {
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    const schema = node as Json;
    for (const [exclusive, bound] of [
      ["exclusiveMaximum", "maximum"],
      ["exclusiveMinimum", "minimum"],
    ] as const) {
      if (typeof schema[exclusive] !== "boolean") continue;
      if (schema[exclusive] && typeof schema[bound] === "number") schema[exclusive] = schema[bound];
      else delete schema[exclusive];
      if (typeof schema[exclusive] === "number") delete schema[bound];
    }
    withDiscriminatedBranches(schema, document);
    // A repeated enum value changes nothing a value may be; Ajv refuses the schema for it.
    if (Array.isArray(schema.enum) && schema.enum.every((v: unknown) => typeof v !== "object" || v === null))
      schema.enum = [...new Set(schema.enum)];
    if (typeof schema.nullable === "boolean" && schema.type === undefined) {
      const nullable = schema.nullable;
      delete schema.nullable;
      if (nullable) {
        const rest = { ...schema };
        for (const key of Object.keys(schema)) delete schema[key];
        schema.anyOf = [rest, { type: "null" }];
      }
    }
    for (const child of Object.values(schema)) stack.push(child);
  }
}

/** The first apiKey-in-header scheme the document requires, if any. */
function keyHeaderOf(document: Json): { schemeName: string; keyHeader: string } | undefined {
  const schemes = (document.components?.securitySchemes ?? {}) as Json;
  for (const requirement of (document.security ?? []) as Json[]) {
    for (const schemeName of Object.keys(requirement)) {
      const scheme = schemes[schemeName];
      if (scheme?.type === "apiKey" && scheme.in === "header")
        return { schemeName, keyHeader: String(scheme.name).toLowerCase() };
    }
  }
  return undefined;
}

/** Generated answers are reproducible: the same document gives the same bodies. */
const ANSWER_SEED = 20261125;

function errorBody(message: string) {
  return { status: "error", message };
}

/**
 * A spec-driven fake of Ango Hub (or of any OpenAPI 3.0 document) that works on fetch `Request`/`Response`,
 * so it can sit behind a real HTTP server (startMockAngoServer) or an MSW handler. Every request is
 * validated with openapi-backend against the document: a missing or wrong key is a 401, an invalid
 * request a 400 with a readable reason. Every operation is answered: `respond()` first, the stateful
 * batch store for `updateProjectBatches`, else the spec's example, else a response generated from the
 * schema (json-schema-faker) and checked against it.
 */
export class MockAngo {
  /** Batches by project id. */
  readonly projects = new Map<string, Batch[]>();
  /** Every request seen, in order. */
  readonly calls: RecordedCall[] = [];
  /** The path the API is served under, from the document's first server (`/v2` for Ango). */
  readonly basePath: string;
  readonly #api: OpenAPIBackend;
  readonly #document: Json;
  readonly #options: MockAngoOptions;
  readonly #ready: Promise<unknown>;
  readonly #security: { schemeName: string; keyHeader: string } | undefined;
  /** Path parameters whose style the mock reads itself, by operationId (path-styles.ts). */
  readonly #styledPaths: Map<string, StyledPathParameter[]>;
  readonly #pathValidators = new Map<StyledPathParameter, (value: unknown) => boolean>();
  #nextId = 1;

  constructor(options: MockAngoOptions = {}) {
    this.#options = options;
    const document = prepareDocument(options.document ?? openApiDocument);
    this.#styledPaths = takeStyledPathParameters(document);
    this.#document = document;
    this.basePath = serverBasePath(document);
    const security = keyHeaderOf(document);
    this.#security = security;
    this.#api = new OpenAPIBackend({
      // A copy: openapi-backend dereferences its definition in place, and a circular schema would then be
      // a cycle of objects that json-schema-faker (the mock's answers) walks without end.
      definition: structuredClone(document) as Document,
      // The document is linted by Redocly in this repo (its $ref siblings are accepted there), so skip
      // openapi-backend's own, stricter document check; requests are still fully validated.
      quick: true,
      customizeAjv: configureAjv,
      apiRoot: "/",
      securityHandlers: security
        ? {
            [security.schemeName]: (c: Context) => {
              const key = c.request.headers[security.keyHeader];
              if (typeof key !== "string" || key === "") return false;
              return options.apiKey === undefined || key === options.apiKey;
            },
          }
        : {},
      handlers: {
        notImplemented: (c: Context) => this.#answer(c),
        unauthorizedHandler: (c: Context): Outcome => this.#unauthorized(c.operation?.operationId),
        validationFail: (c: Context): Outcome => {
          const reason = (c.validation.errors ?? [])
            .map((e) => `${e.instancePath || "request"} ${e.message ?? "is invalid"}`.trim())
            .join("; ");
          return {
            operationId: c.operation?.operationId,
            status: 400,
            valid: false,
            reason,
            body: errorBody(`Invalid request: ${reason}`),
          };
        },
        notFound: (): Outcome => ({
          status: 404,
          valid: false,
          reason: "no such path",
          body: errorBody("Not found"),
        }),
        methodNotAllowed: (): Outcome => ({
          status: 405,
          valid: false,
          reason: "method not allowed",
          body: errorBody("Method not allowed"),
        }),
      },
    });
    this.#ready = this.#api.init().then(() => withCycleSafeBinaryRemoval(this.#api));
    // A document openapi-backend cannot load fails each request that awaits it; nobody else is waiting.
    this.#ready.catch(() => {});
  }

  /** Whether the operation's security (its own, else the document's) asks for the key scheme. */
  #requiresKey(operation: Json): boolean {
    const requirements = (operation.security ?? this.#document.security ?? []) as Json[];
    return requirements.some((r) => Object.hasOwn(r, this.#security?.schemeName ?? ""));
  }

  /**
   * Why the styled path parameters of a request are not what the spec allows, or undefined. Each is
   * read from its segment by its style and checked against its schema with the validator's own settings.
   */
  #styledPathProblem(operation: Json, path: string, styled: StyledPathParameter[]): string | undefined {
    const template = String(operation.path).split("/");
    const segments = path.split("/");
    for (const param of styled) {
      const index = template.indexOf(`{${param.name}}`);
      if (index < 0 || segments[index] === undefined) continue;
      const read = readPathValue(segments[index] as string, param);
      if ("error" in read) return read.error;
      let validate = this.#pathValidators.get(param);
      if (!validate) {
        const ajv = this.#api.validator.getAjv(ValidationContext.Params, { coerceTypes: true });
        try {
          const compiled = ajv.compile(param.schema);
          validate = (value) => compiled(value) as boolean;
        } catch {
          // A schema Ajv cannot compile on its own (references inside it): read the value, accept it.
          validate = () => true;
        }
        this.#pathValidators.set(param, validate);
      }
      if (!validate(read.value)) return `path parameter "${param.name}" does not match its schema`;
    }
    return undefined;
  }

  #unauthorized(operationId: string | undefined): Outcome {
    const header = this.#security?.keyHeader;
    return {
      operationId,
      status: 401,
      valid: false,
      reason: `missing or wrong ${header} header`,
      body: errorBody(`Unauthorized: send your API key in the ${header} header.`),
    };
  }

  /** Batches stored for a project (empty when it was never updated). */
  batches(projectId: string): Batch[] {
    return this.projects.get(projectId) ?? [];
  }

  /** Forgets all projects and calls. */
  reset(): void {
    this.projects.clear();
    this.calls.length = 0;
  }

  /** Answers one request; `pathPrefix` (whole segments only) is stripped first (default: `basePath`). */
  async handle(request: Request, pathPrefix = this.basePath): Promise<Response> {
    await this.#ready;
    const url = new URL(request.url);
    const underPrefix = url.pathname === pathPrefix || url.pathname.startsWith(`${pathPrefix}/`);
    const path = underPrefix ? url.pathname.slice(pathPrefix.length) || "/" : url.pathname;
    let outcome: Outcome;
    try {
      outcome = isDecodable(path)
        ? await this.#validateAndAnswer(request, path, url)
        : {
            status: 400,
            valid: false,
            reason: "malformed percent-encoding in the path",
            body: errorBody("Invalid request: the path has a malformed percent-encoding."),
          };
    } catch (error) {
      // One operation the mock cannot handle (a schema its validator cannot compile) is named; the others
      // are served as before.
      const operationId = (
        this.#api.router.matchOperation({ method: request.method, path, headers: {} }) as Json | undefined
      )?.operationId as string | undefined;
      const why = error instanceof Error ? error.message : String(error);
      outcome = {
        operationId,
        status: 500,
        valid: true,
        reason: `the mock cannot handle ${operationId ?? `${request.method} ${path}`}: ${why}`,
        body: errorBody(`The mock cannot handle ${operationId ?? `${request.method} ${path}`}: ${why}`),
      };
    }
    this.calls.push({
      method: request.method,
      path: url.pathname,
      operationId: outcome.operationId,
      status: outcome.status,
      valid: outcome.valid,
      ...(outcome.reason ? { reason: outcome.reason } : {}),
    });
    const keep = this.#options.maxRecordedCalls ?? DEFAULT_MAX_RECORDED_CALLS;
    if (this.calls.length > keep) this.calls.splice(0, this.calls.length - keep);
    return toResponse(outcome);
  }

  async #validateAndAnswer(request: Request, path: string, url: URL): Promise<Outcome> {
    const operation = this.#api.router.matchOperation({ method: request.method, path, headers: {} }) as
      | Json
      | undefined;
    // The key is checked before the body is read: without one, nobody makes the mock read 10 MiB.
    if (operation && this.#security && this.#requiresKey(operation)) {
      const key = request.headers.get(this.#security.keyHeader);
      if (!key || (this.#options.apiKey !== undefined && key !== this.#options.apiKey)) {
        void request.body?.cancel().catch(() => {});
        return this.#unauthorized(operation.operationId);
      }
    }
    const styled = operation && this.#styledPaths.get(operation.operationId);
    const pathProblem = styled && this.#styledPathProblem(operation as Json, path, styled);
    if (pathProblem) {
      void request.body?.cancel().catch(() => {});
      return {
        operationId: operation?.operationId,
        status: 400,
        valid: false,
        reason: pathProblem,
        body: errorBody(`Invalid request: ${pathProblem}`),
      };
    }
    const limit = this.#options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    if (Number(request.headers.get("content-length") ?? 0) > limit) return tooLarge(limit);
    const contentType = request.headers.get("content-type") ?? "";
    const raw = await readLimited(request, limit);
    if (raw === undefined) return tooLarge(limit);
    let body: unknown;
    if (raw.byteLength > 0) {
      const declared = Object.keys(
        (resolveLocalRef(this.#document, operation?.requestBody)?.content ?? {}) as Json,
      );
      const mediaType = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
      const accepted = declared.some((type) => {
        const [kind, sub] = type.toLowerCase().split("/");
        return (
          type.toLowerCase() === mediaType ||
          (sub === "*" && (kind === "*" || mediaType.startsWith(`${kind}/`)))
        );
      });
      if (operation && declared.length > 0 && !accepted) {
        const reason = `content-type ${mediaType || "missing"}; the spec declares ${declared.join(", ")}`;
        return {
          operationId: operation.operationId,
          status: 415,
          valid: false,
          reason,
          body: errorBody(`Send the body as ${declared.join(" or ")}.`),
        };
      }
      const parsed = await parseBody(raw, contentType);
      if ("error" in parsed)
        return { status: parsed.status, valid: false, reason: parsed.error, body: errorBody(parsed.error) };
      body = parsed.body;
    }
    return (await this.#api.handleRequest({
      method: request.method,
      path,
      headers: Object.fromEntries(request.headers),
      // Objects for deepObject parameters, as openapi-backend's own query parser would give them.
      query: queryOf(
        url,
        operation && parametersOf(this.#document, this.#document.paths?.[operation.path], operation),
      ) as Record<string, string | string[]>,
      body,
    })) as Outcome;
  }

  async #answer(c: Context): Promise<Outcome> {
    const operationId = c.operation.operationId as string;
    const custom = this.#options.respond?.({
      operationId,
      params: Object.fromEntries(Object.entries(c.request.params).map(([k, v]) => [k, String(v)])),
      query: c.request.query as Record<string, unknown>,
      body: c.request.requestBody,
      headers: new Headers(c.request.headers as Record<string, string>),
    });
    if (custom) return { ...custom, operationId, valid: true };
    if (operationId === "updateProjectBatches") return this.#updateProjectBatches(c);
    const accept = String(c.request.headers.accept ?? "");
    // The operation as this document holds it: openapi-backend's copy is dereferenced, so a
    // self-referencing schema there is a cycle of objects that nothing can walk to its end.
    const operation = this.#document.paths?.[c.operation.path]?.[c.operation.method] as Json;
    return {
      ...(await this.#exampleOrGenerated(operation, accept)),
      operationId,
      valid: true,
    };
  }

  /** The first 2xx response of an operation: its example, else a body generated from its schema. */
  async #exampleOrGenerated(operation: Json, accept: string): Promise<MockResponse> {
    const responses = (operation.responses ?? {}) as Json;
    const codes = Object.keys(responses);
    // The first success; without one, the first final status the spec declares (1xx are not final).
    const code =
      codes.find((c) => /^2/.test(c)) ??
      codes.find((c) => /^[3-5]/.test(c)) ??
      (codes.includes("default") ? "default" : undefined);
    if (code === undefined)
      return {
        status: 501,
        body: errorBody(`The spec declares no final status for ${operation.operationId}.`),
      };
    const status = statusOfCode(code);
    const response = resolveLocalRef(this.#document, responses[code]) ?? {};
    const mediaTypes = Object.entries(response.content ?? {}) as [string, Json][];
    // Content negotiation: the first declared type the Accept header names, else the first declared.
    const wanted = accept.split(",").map((part) => part.split(";")[0]?.trim().toLowerCase());
    const [mediaType, media] =
      mediaTypes.find(([type]) => wanted.includes(type.toLowerCase())) ?? mediaTypes[0] ?? [];
    if (!mediaType || status === 204 || status === 205) return { status };
    const headers = { "content-type": mediaType === "*/*" ? "application/octet-stream" : mediaType };
    const example =
      media?.example ??
      (
        Object.values((media?.examples ?? {}) as Json).map((e) =>
          resolveLocalRef(this.#document, e as Json),
        )[0] as Json | undefined
      )?.value;
    const schema = media?.schema ? resolveLocalRef(this.#document, media.schema) : undefined;
    if (!isJsonType(mediaType)) {
      if (typeof example === "string") return { status, headers, body: example };
      return { status, headers, body: schema?.format === "binary" ? "\u0000mock-bytes" : "mock text" };
    }
    if (example !== undefined) return { status, headers, body: example };
    if (!schema) return { status, headers, body: {} };
    const sample = await sampleValue(this.#document, schema, { seed: ANSWER_SEED });
    if (!sample.valid) {
      return {
        status: 500,
        headers,
        body: errorBody(`The mock could not generate a valid response: ${sample.errors.join("; ")}`),
      };
    }
    return { status, headers, body: sample.value };
  }

  #updateProjectBatches(c: Context): Outcome {
    const projectId = String(c.request.params.projectId);
    const body = c.request.requestBody as { batches: Batch[] };
    const sent = body.batches.map((batch) => ({ _id: batch._id ?? this.#newId(), name: batch.name }));
    let stored: Batch[] = sent;
    if (this.#options.batchUpdate === "merge") {
      stored = [...this.batches(projectId)];
      for (const batch of sent) {
        const existing = stored.findIndex((b) => b._id === batch._id);
        if (existing >= 0) stored[existing] = batch;
        else stored.push(batch);
      }
    }
    this.projects.set(projectId, stored);
    const response: ProjectResponse = {
      status: "success",
      data: { project: { _id: projectId, name: `Project ${projectId}`, type: "ango", batches: stored } },
    };
    const check = this.validateResponse(response, "updateProjectBatches", 200);
    if (!check.valid) {
      return {
        status: 500,
        valid: true,
        reason: "mock built an invalid response",
        body: errorBody(check.errors.join("; ")),
      };
    }
    return { status: 200, valid: true, operationId: "updateProjectBatches", body: response };
  }

  /** 24 hex digits, like the server's ObjectIds, and predictable for tests. */
  #newId(): string {
    return `6a${(this.#nextId++).toString(16).padStart(22, "0")}`;
  }

  /** The validator, for checking bodies against the spec in your own tests. */
  validateResponse(body: unknown, operationId: string, status = 200): { valid: boolean; errors: string[] } {
    let result: ReturnType<OpenAPIBackend["validateResponse"]>;
    try {
      result = this.#api.validateResponse(body, operationId, status);
    } catch (error) {
      // One schema the validator cannot compile must not stop the others: report it by operation.
      return {
        valid: false,
        errors: [
          `the mock cannot validate ${operationId}: ${error instanceof Error ? error.message : String(error)}`,
        ],
      };
    }
    const errors = (result.errors ?? []).map((e: { instancePath?: string; message?: string }) =>
      `${e.instancePath || "body"} ${e.message ?? ""}`.trim(),
    );
    return { valid: errors.length === 0, errors };
  }
}

/** The status a response key stands for: `201` as it is, `2XX` as 200, `default` as 200. */
function statusOfCode(code: string): number {
  if (/^\d{3}$/.test(code)) return Number(code);
  if (/^\dXX$/i.test(code)) return Number(code[0]) * 100;
  return 200;
}

function tooLarge(limit: number): Outcome {
  return {
    status: 413,
    valid: false,
    reason: `body larger than ${limit} bytes`,
    body: errorBody(`Request body too large: the mock accepts at most ${limit} bytes.`),
  };
}

/** The request body as openapi-backend validates it, by content type. */
async function parseBody(
  raw: Uint8Array,
  contentType: string,
): Promise<{ body: unknown } | { error: string; status: number }> {
  const text = () => new TextDecoder().decode(raw);
  // openapi-backend parses string bodies as JSON itself: JSON goes as its text, other text JSON-encoded.
  if (isJsonType(contentType) || contentType === "") {
    try {
      const json = text();
      JSON.parse(json);
      return { body: json };
    } catch {
      return { error: "Invalid JSON body", status: 400 };
    }
  }
  if (/^multipart\/form-data/i.test(contentType)) {
    try {
      const form = await new Request("http://x/", {
        method: "POST",
        headers: { "content-type": contentType },
        body: raw as Uint8Array<ArrayBuffer>,
      }).formData();
      return { body: formFields(form) };
    } catch {
      return { error: "Invalid multipart body", status: 400 };
    }
  }
  if (/^application\/x-www-form-urlencoded/i.test(contentType))
    return { body: formFields(new URLSearchParams(text())) };
  // Text and binary: a string stands in for the bytes (schemas say `type: string`, maybe `format: binary`).
  return { body: JSON.stringify(text()) };
}

/**
 * Form fields as an object: repeated names become arrays, files their names. One pass (getAll per name
 * is quadratic in the number of fields), and built with fromEntries so that a field named `__proto__` is
 * a field, never the object's prototype.
 */
function formFields(form: FormData | URLSearchParams): Record<string, unknown> {
  const grouped = new Map<string, unknown[]>();
  for (const [name, value] of form as Iterable<[string, string | File]>) {
    const values = grouped.get(name) ?? [];
    values.push(typeof value === "string" ? coerce(value) : value.name || "file");
    grouped.set(name, values);
  }
  return Object.fromEntries(
    [...grouped].map(([name, values]) => [name, values.length === 1 ? values[0] : values]),
  );
}

/** The body's bytes, reading no further than `limit`; undefined when it is longer. */
async function readLimited(request: Request, limit: number): Promise<Uint8Array | undefined> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      void reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * The query as openapi-backend validates it. Names are taken as they are (a parameter named
 * `status[eq]`, as Ango's are, stays one parameter: openapi-backend's own parser would nest it); only a
 * `name[key]` whose `name` is a declared deepObject parameter is nested, as that style means.
 */
function queryOf(url: URL, parameters: Json[] | undefined): Record<string, string | string[] | Json> {
  const params = (parameters ?? []).filter((p) => p?.in === "query");
  const declared = new Set(params.map((p) => String(p.name)));
  const deep = new Set(params.filter((p) => p.style === "deepObject").map((p) => String(p.name)));
  const query: Record<string, string | string[] | Json> = Object.create(null);
  for (const [key, value] of url.searchParams) {
    const nested = /^([^[\]]+)\[([^\]]*)\]$/.exec(key);
    if (nested && deep.has(nested[1] as string) && !declared.has(key)) {
      const name = nested[1] as string;
      query[name] ??= Object.create(null) as Json;
      (query[name] as Json)[nested[2] as string] = value;
      continue;
    }
    const previous = query[key];
    query[key] =
      previous === undefined
        ? value
        : [...(Array.isArray(previous) ? previous : [previous as string]), value];
  }
  return { ...query };
}

/** Whether every percent-escape of a path decodes (`%ZZ` does not). */
function isDecodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** Form values arrive as text; numbers, booleans and JSON objects are read back as the schema expects. */
function coerce(value: string): unknown {
  if (/^[[{]/.test(value)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

function toResponse(outcome: Outcome): Response {
  const headers = new Headers(outcome.headers);
  let body: string | null = null;
  if (outcome.body !== undefined) {
    const type = headers.get("content-type") ?? "application/json";
    headers.set("content-type", type);
    body = isJsonType(type) ? JSON.stringify(outcome.body) : String(outcome.body);
  }
  return new Response(body, { status: outcome.status, headers });
}
