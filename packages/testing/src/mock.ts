// The mock: openapi-backend wired to a prepared copy of the document (document.ts) to validate and parse
// requests (their bodies checked by the mock's own validator, samples.ts), routed by a table built once
// (routes.ts), the key check, the recorded calls, and the order in which an operation is answered
// (respond(), a built-in handler, the spec's example or a generated value: answers.ts).
import type { Batch } from "@ango-hub/types";
import {
  type Document,
  OpenAPIBackend,
  OpenAPIValidator,
  type Operation,
  type ParsedRequest,
  ValidationContext,
} from "openapi-backend";
import { AJV_OPTIONS, configureAjv } from "./ajv.js";
import {
  errorBody,
  exampleOrGenerated,
  isJsonType,
  mediaTypeEssence,
  type Outcome,
  toResponse,
} from "./answers.js";
import { BatchStore, type BatchUpdate, type BuiltInHandler } from "./batch-store.js";
import { readRequestBody } from "./body.js";
import { type KeyPlace, keyHeaderOf, prepareDocument, sentKey, serverBasePath } from "./document.js";
import { formBodyOf } from "./form-fields.js";
import { mockHandlers, openApiDocument } from "./generated/openapi-document.js";
import { IndexedRouter } from "./indexed-router.js";
import { type LiteralRoute, literalRoutes, routedTemplate, templatePath } from "./literal-paths.js";
import {
  hasJsonContent,
  readHeaderValue,
  readJsonValue,
  readPathValue,
  type StyledPathParameter,
  takeStyledPathParameters,
} from "./path-styles.js";
import { HTTP_METHODS, type Json, parametersOf, resolveLocalRef } from "./refs.js";
import { OperationRoutes } from "./routes.js";
import { type ValueProblem, validateValue, valueProblems } from "./value-check.js";

export { serverBasePath, withJsonSchemaDialect } from "./document.js";
export type { BatchUpdate, BuiltInHandler };
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
   * What the batch store does with the batches it is sent. `"replace"` (default): the project's batches
   * become exactly the list sent, as the official Python SDK assumes (it sends the existing batches plus
   * the new ones). `"merge"`: a known `_id` is renamed, anything else is added.
   */
  batchUpdate?: BatchUpdate;
  /** The OpenAPI 3.0 document to serve. Default: the Ango Hub spec this package was generated from. */
  document?: object;
  /**
   * Built-in handlers by operationId: `"batch-store"` keeps the batches sent per project (the operation's
   * one path parameter) and answers with them. Default: the ones the spec's overrides file names for the
   * Ango spec (`updateProjectBatches`), none for another `document`.
   */
  handlers?: Record<string, BuiltInHandler>;
  /** Request bodies larger than this are answered 413. Default 10 MiB. */
  maxBodyBytes?: number;
  /** How many requests `calls` keeps, the newest last (older ones are dropped). Default 10,000. */
  maxRecordedCalls?: number;
  /**
   * Where an answer's body comes from: `"example"` (default) serves the response's example when the spec
   * gives one that its schema accepts, else a value generated from the schema; `"schema"` always
   * generates, so every answer has exactly the fields the schema declares (an example may carry more).
   */
  answerFrom?: "example" | "schema";
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
  /** The answer's `x-request-id`: `mock-<n>`, counted per mock, or the one `respond()` gave. */
  requestId: string;
}

export type { Json } from "./refs.js";

/** The largest request body the mock reads unless `maxBodyBytes` says otherwise (10 MiB). */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** The header every answer carries its request id in, as Ango's answers do. */
export const REQUEST_ID_HEADER = "x-request-id";

/** How many requests `calls` keeps unless `maxRecordedCalls` says otherwise. */
export const DEFAULT_MAX_RECORDED_CALLS = 10_000;

export const basePath = serverBasePath(openApiDocument);

/**
 * A spec-driven fake of Ango Hub (or of any OpenAPI 3.0 document) that works on fetch `Request`/`Response`,
 * so it can sit behind a real HTTP server (startMockAngoServer) or an MSW handler. Every request is
 * validated with openapi-backend against the document: a missing or wrong key is a 401, an invalid
 * request a 400 with a readable reason. Every operation is answered: `respond()` first, then a built-in
 * handler the operation was given (`handlers`: the batch store), else the spec's example, else a value
 * generated from the schema and valid against it (sampleValue).
 */
export class MockAngo {
  /** Every request seen, in order. */
  readonly calls: RecordedCall[] = [];
  /** The path the API is served under, from the document's first server (`/v2` for Ango). */
  readonly basePath: string;
  readonly #api: OpenAPIBackend;
  /** openapi-backend's router and validator over its dereferenced document (#openapi). */
  #openapiParts: { router: IndexedRouter; validator: OpenAPIValidator } | undefined;
  readonly #document: Json;
  readonly #options: MockAngoOptions;
  readonly #ready: Promise<unknown>;
  readonly #security: KeyPlace | undefined;
  /** Path parameters whose style the mock reads itself, by operationId (path-styles.ts). */
  readonly #styledPaths: Map<string, StyledPathParameter[]>;
  readonly #pathValidators = new Map<StyledPathParameter, (value: unknown) => boolean>();
  readonly #handlers: Record<string, BuiltInHandler>;
  readonly #store: BatchStore;
  /** Operations whose path has the same shape as another's with the same method, by shapeKey. */
  readonly #ambiguous: Map<string, string[]>;
  /** Answers given so far: each gets `mock-<n>` as its request id. */
  #answered = 0;
  /** The document's templates by the key the router has for them (routedTemplate), where they differ. */
  readonly #routedTemplates = new Map<string, string>();
  /** By routed template: the router's name of a path parameter -> the document's (routerNames). */
  readonly #renamedPathParameters = new Map<string, ReadonlyMap<string, string>>();
  /** Templates whose literal text a client sends percent-encoded (literal-paths.ts). */
  readonly #literalRoutes: LiteralRoute[];
  /** Every operation by method and template, once the document is loaded. */
  #routes = new OperationRoutes([]);

  constructor(options: MockAngoOptions = {}) {
    this.#options = options;
    this.#handlers = options.handlers ?? (options.document ? {} : mockHandlers);
    this.#store = new BatchStore(options.batchUpdate);
    const document = prepareDocument(options.document ?? openApiDocument);
    this.#styledPaths = takeStyledPathParameters(document);
    this.#literalRoutes = literalRoutes(document);
    this.#ambiguous = ambiguousPaths(document);
    this.#document = document;
    this.basePath = serverBasePath(document);
    const security = keyHeaderOf(document);
    this.#security = security;
    // openapi-backend reads the document, validates requests and parses them; the mock routes, checks the
    // key and answers itself (routes.ts says why it does not hand whole requests to openapi-backend).
    this.#api = new OpenAPIBackend({
      definition: routedDocument(document, this.#routedTemplates, this.#renamedPathParameters) as Document,
      // The document is linted by Redocly in this repo (its $ref siblings are accepted there), so skip
      // openapi-backend's own, stricter document check; requests are still fully validated.
      quick: true,
      ajvOpts: AJV_OPTIONS,
      customizeAjv: configureAjv,
      apiRoot: "/",
      // `/apps/` and `/apps` are two paths; a template may end in a slash, and the client sends it.
      ignoreTrailingSlashes: false,
      // Its validator is replaced by one over an IndexedRouter, made below.
      validate: false,
    });
    this.#ready = this.#api.init().then(() => {
      this.#routes = new OperationRoutes(this.#openapi().router.getOperations());
    });
    // A document openapi-backend cannot load fails each request that awaits it; nobody else is waiting.
    this.#ready.catch(() => {});
  }

  /**
   * The router and validator, made on first use from the document openapi-backend dereferenced (in its
   * quick mode, before `init()` returns).
   */
  #openapi(): { router: IndexedRouter; validator: OpenAPIValidator } {
    if (!this.#openapiParts) {
      const definition = this.#api.definition;
      const router = new IndexedRouter({ definition, apiRoot: "/", ignoreTrailingSlashes: false });
      const validator = new OpenAPIValidator({
        definition,
        router,
        ajvOpts: AJV_OPTIONS,
        customizeAjv: configureAjv,
        // As in openapi-backend's quick mode: an operation's validators are compiled when first used.
        lazyCompileValidators: true,
      });
      this.#openapiParts = { router, validator };
    }
    return this.#openapiParts;
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
    const template = this.#template(operation).split("/");
    const segments = path.split("/");
    for (const param of styled) {
      const index = template.indexOf(`{${param.name}}`);
      if (index < 0 || segments[index] === undefined) continue;
      const read = readPathValue(segments[index] as string, param);
      if ("error" in read) return read.error;
      let validate = this.#pathValidators.get(param);
      if (!validate) {
        const ajv = this.#openapi().validator.getAjv(ValidationContext.Params, { coerceTypes: true });
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

  /** The document's own path template of an operation the router matched. */
  #template(operation: Json): string {
    const key = String(operation.path);
    return this.#routedTemplates.get(key) ?? key;
  }

  /** The 401: for no key, or (`sentValue` given) for a key that is not the one the mock accepts. */
  #unauthorized(operationId: string | undefined, sentValue: unknown): Outcome {
    const header = this.#security?.keyHeader;
    const sent = typeof sentValue === "string" && sentValue !== "";
    const form = this.#security?.prefix ? ` as "${this.#security.prefix}<key>"` : "";
    return {
      operationId,
      status: 401,
      valid: false,
      reason: sent ? `wrong key in the ${header} header` : `no ${header} header`,
      body: errorBody(
        sent
          ? `Unauthorized: the key in the ${header} header is not the one this mock accepts (its apiKey option).`
          : `Unauthorized: send your API key in the ${header} header${form}.`,
      ),
    };
  }

  /** The batch store's batches, by project id. */
  get projects(): Map<string, Batch[]> {
    return this.#store.projects;
  }

  /** Batches stored for a project (empty when it was never updated). */
  batches(projectId: string): Batch[] {
    return this.#store.batches(projectId);
  }

  /** Forgets all projects and calls. */
  reset(): void {
    this.#store.clear();
    this.calls.length = 0;
  }

  /** Answers one request; `pathPrefix` (whole segments only) is stripped first (default: `basePath`). */
  async handle(request: Request, pathPrefix = this.basePath): Promise<Response> {
    await this.#ready;
    const url = new URL(request.url);
    const underPrefix = url.pathname === pathPrefix || url.pathname.startsWith(`${pathPrefix}/`);
    const sent = underPrefix ? url.pathname.slice(pathPrefix.length) || "/" : url.pathname;
    const path = (this.#literalRoutes.length > 0 && templatePath(this.#literalRoutes, sent)) || sent;
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
      const route = this.#routes.match(request.method, path);
      const operationId = "operation" in route ? route.operation.operationId : undefined;
      const why = error instanceof Error ? error.message : String(error);
      outcome = {
        operationId,
        status: 500,
        valid: true,
        reason: `the mock cannot handle ${operationId ?? `${request.method} ${path}`}: ${why}`,
        body: errorBody(`The mock cannot handle ${operationId ?? `${request.method} ${path}`}: ${why}`),
      };
    }
    // Every answer has a request id, as Ango's do, so a test can read `error.requestId` and find the call.
    const headers = new Headers(outcome.headers);
    if (!headers.has(REQUEST_ID_HEADER)) headers.set(REQUEST_ID_HEADER, `mock-${++this.#answered}`);
    const requestId = headers.get(REQUEST_ID_HEADER) as string;
    this.calls.push({
      method: request.method,
      path: url.pathname,
      operationId: outcome.operationId,
      status: outcome.status,
      valid: outcome.valid,
      requestId,
      ...(outcome.reason ? { reason: outcome.reason } : {}),
    });
    const keep = this.#options.maxRecordedCalls ?? DEFAULT_MAX_RECORDED_CALLS;
    if (this.calls.length > keep) this.calls.splice(0, this.calls.length - keep);
    return toResponse({ ...outcome, headers: Object.fromEntries(headers) });
  }

  async #validateAndAnswer(request: Request, path: string, url: URL): Promise<Outcome> {
    const route = this.#routes.match(request.method, path);
    if (!("operation" in route)) {
      void request.body?.cancel().catch(() => {});
      return route.status === 404
        ? { status: 404, valid: false, reason: "no such path", body: errorBody("Not found") }
        : { status: 405, valid: false, reason: "method not allowed", body: errorBody("Method not allowed") };
    }
    const operation = route.operation as Json;
    const twins = this.#ambiguous.get(shapeKey(String(operation.method), this.#template(operation)));
    if (twins) {
      void request.body?.cancel().catch(() => {});
      const reason = `${AMBIGUOUS_PATHS}: ${twins.join(" and ")} have the same shape (OpenAPI: such paths MUST NOT exist), so no server can tell which one a request is for`;
      return {
        operationId: operation.operationId,
        status: 501,
        valid: false,
        reason,
        body: errorBody(reason),
      };
    }
    // The key is checked before the body is read: without one, nobody makes the mock read 10 MiB.
    if (this.#security && this.#requiresKey(operation)) {
      const sent = request.headers.get(this.#security.keyHeader);
      const key = sentKey(this.#security, sent);
      if (!key || (this.#options.apiKey !== undefined && key !== this.#options.apiKey)) {
        void request.body?.cancel().catch(() => {});
        return this.#unauthorized(operation.operationId, sent);
      }
    }
    const styled = this.#styledPaths.get(operation.operationId);
    const pathProblem = styled && this.#styledPathProblem(operation, path, styled);
    if (pathProblem) {
      void request.body?.cancel().catch(() => {});
      return {
        operationId: operation.operationId,
        status: 400,
        valid: false,
        reason: pathProblem,
        body: errorBody(`Invalid request: ${pathProblem}`),
      };
    }
    // The document's own operation: the router's copy is rewritten for openapi-backend (routedItem).
    const pathItem = this.#document.paths?.[this.#template(operation)] as Json | undefined;
    const declared = (pathItem?.[operation.method] ?? operation) as Json;
    const read = await readRequestBody(request, {
      limit: this.#options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      content: (resolveLocalRef(this.#document, declared.requestBody)?.content ?? {}) as Json,
      operationId: operation.operationId,
      document: this.#document,
    });
    if ("outcome" in read) return read.outcome;
    const parameters = parametersOf(this.#document, pathItem, declared);
    const sent = {
      method: request.method,
      path,
      headers: headersOf(request.headers, parameters, this.#document),
      // Objects for deepObject parameters, as openapi-backend's own query parser would give them.
      query: queryOf(url, parameters, this.#document) as Record<string, string | string[]>,
      body: read.body,
    };
    if (!this.#authorized(operation, sent.headers))
      return this.#unauthorized(
        operation.operationId,
        this.#security && sent.headers[this.#security.keyHeader],
      );
    // openapi-backend validates a body that is no object (a JSON string, number...) only when the content
    // type is exactly `application/json`: any JSON type (`; charset=utf-8`, `+json`) is given as that.
    const contentType = request.headers.get("content-type") ?? "";
    const judged = isJsonType(contentType)
      ? { ...sent, headers: { ...sent.headers, "content-type": "application/json" } }
      : sent;
    const validation = this.#openapi().validator.validateRequest(judged, operation as Operation);
    const errors = [...this.#bodyProblems(operation, declared, judged), ...(validation.errors ?? [])];
    if (errors.length > 0) {
      const renamed = this.#renamedPathParameters.get(String(operation.path));
      const reason = errors
        .map((e) => {
          const at = e.instancePath.replace(/^\/path\/([^/]+)/, (whole, name: string) =>
            renamed?.has(name) ? `/path/${renamed.get(name)}` : whole,
          );
          return `${at || "request"} ${e.message ?? "is invalid"}`.trim();
        })
        .join("; ");
      const pathRefused = errors.some((e) => /^\/path(\/|$)/.test(e.instancePath));
      const adjacent = /\}\{/.test(String(operation.path));
      if (pathRefused && adjacent) {
        // `{id}{.format}`: two values with nothing between them (and no single allowed value for the
        // second, adjacentConstants): no server can tell where one ends and the next begins.
        const split = `${AMBIGUOUS_PATHS}: ${String(operation.method).toUpperCase()} ${this.#template(operation)} has two path parameters with nothing between them, so no server can tell where one value ends (${reason})`;
        return {
          operationId: operation.operationId,
          status: 501,
          valid: false,
          reason: split,
          body: errorBody(split),
        };
      }
      const alsoMatching = route.others.filter((other) => other.operationId !== operation.operationId);
      if (alsoMatching.length > 0 && pathRefused) {
        // Another template matches this path too (`/sites/{id}/{type}/count` and `/sites/{id}/zones/{zoneId}`
        // for `/sites/1/zones/count`): every server routes it to the more literal one, so a request meant
        // for the other can never reach it.
        const names = [operation, ...alsoMatching].map(
          (o) => `${String(o.method).toUpperCase()} ${this.#template(o as Json)}`,
        );
        const overlap = `${AMBIGUOUS_PATHS}: ${names.join(" and ")} both match ${path}, and a server routes it to the first, whose path parameters it does not satisfy (${reason})`;
        return {
          operationId: operation.operationId,
          status: 501,
          valid: false,
          reason: overlap,
          body: errorBody(overlap),
        };
      }
      return {
        operationId: operation.operationId,
        status: 400,
        valid: false,
        reason,
        body: errorBody(`Invalid request: ${reason}`),
      };
    }
    const parsed = this.#openapi().router.parseRequest(sent, operation as Operation);
    const renamed = this.#renamedPathParameters.get(String(operation.path));
    if (renamed)
      parsed.params = Object.fromEntries(
        Object.entries(parsed.params).map(([name, value]) => [renamed.get(name) ?? name, value]),
      );
    return this.#answer(operation as Operation, parsed);
  }

  /**
   * What is wrong with the request's body, as openapi-backend would name it (`/requestBody/name must be
   * string`): the body it would judge (a parsed object, or any JSON) against the schema of the media type
   * it would pick (JSON, else multipart, else URL-encoded) of `declared`, the document's own operation.
   */
  #bodyProblems(
    operation: Json,
    declared: Json,
    judged: Parameters<OpenAPIValidator["validateRequest"]>[0],
  ): ValueProblem[] {
    const { requestBody, headers } = this.#openapi().router.parseRequest(judged, operation as Operation);
    if (requestBody === undefined) return [];
    if (typeof requestBody !== "object" && headers["content-type"] !== "application/json") return [];
    const content = (resolveLocalRef(this.#document, declared.requestBody)?.content ?? {}) as Json;
    for (const judgedType of BODY_TYPES_JUDGED) {
      const type = Object.hasOwn(content, judgedType)
        ? judgedType
        : Object.keys(content).find((key) => mediaTypeEssence(key) === judgedType);
      if (type === undefined) continue;
      const schema = (content[type] as Json | undefined)?.schema;
      if (schema === undefined) return [];
      return valueProblems(this.#document, schema, requestBody).map((p) => ({
        instancePath: `/requestBody${p.instancePath}`,
        message: p.message,
      }));
    }
    return [];
  }

  /**
   * Whether one of the operation's security requirements is met, as openapi-backend judges it: every
   * scheme a requirement names must pass, and the key scheme is the only one the mock can check.
   */
  #authorized(operation: Json, headers: Record<string, string>): boolean {
    const requirements = (operation.security ?? []) as Json[];
    if (requirements.length === 0) return true;
    const key = this.#security && sentKey(this.#security, headers[this.#security.keyHeader]);
    const keyAccepted =
      key !== undefined && (this.#options.apiKey === undefined || key === this.#options.apiKey);
    return requirements.some((requirement) =>
      Object.keys(requirement).every((scheme) => scheme === this.#security?.schemeName && keyAccepted),
    );
  }

  async #answer(matched: Operation, request: ParsedRequest): Promise<Outcome> {
    const operationId = matched.operationId as string;
    const custom = this.#options.respond?.({
      operationId,
      params: Object.fromEntries(Object.entries(request.params).map(([k, v]) => [k, String(v)])),
      query: request.query as Record<string, unknown>,
      body: request.requestBody,
      headers: new Headers(request.headers as Record<string, string>),
    });
    if (custom) return { ...custom, operationId, valid: true };
    if (this.#handlers[operationId] === "batch-store") return this.#storeBatches(operationId, request);
    const accept = String(request.headers.accept ?? "");
    // The operation as this document holds it: openapi-backend's copy is dereferenced, so a
    // self-referencing schema there is a cycle of objects that nothing can walk to its end.
    const operation = this.#document.paths?.[this.#template(matched as Json)]?.[matched.method] as Json;
    const answer = await exampleOrGenerated(
      this.#document,
      operation,
      accept,
      this.#options.answerFrom ?? "example",
    );
    return { ...answer, operationId, valid: true };
  }

  /**
   * The batch store as an operation's answer (the built-in handler `"batch-store"`): the operation's one
   * path parameter names the project, and its body's `batches` are stored (see BatchStore).
   */
  #storeBatches(operationId: string, request: ParsedRequest): Outcome {
    const projectId = String(Object.values(request.params)[0]);
    const response = this.#store.update(projectId, (request.requestBody as { batches: Batch[] }).batches);
    const check = this.validateResponse(response, operationId, 200);
    if (!check.valid) {
      return {
        operationId,
        status: 500,
        valid: true,
        reason: "mock built an invalid response",
        body: errorBody(check.errors.join("; ")),
      };
    }
    return { status: 200, valid: true, operationId, body: response };
  }

  /**
   * The validator, for checking bodies against the spec in your own tests: the answer's JSON schema for
   * `status` (exact, else `2XX`, else `default`; a 204 without content is `null`), as openapi-backend picks
   * it, checked by the mock's own validator with the document's references kept. openapi-backend compiled
   * each operation's schema with every reference inlined: 3 to 8 s an operation on Stripe's description.
   */
  validateResponse(body: unknown, operationId: string, status = 200): { valid: boolean; errors: string[] } {
    const routed = this.#openapi().router.getOperation(operationId) as Json | undefined;
    const declared = routed && this.#document.paths?.[this.#template(routed)]?.[routed.method];
    if (!declared)
      return { valid: false, errors: [`the mock cannot validate ${operationId}: Unknown operation`] };
    const responses = (declared.responses ?? {}) as Json;
    const judged = (key: string): { schema: Json } | "null" | undefined => {
      const response = Object.hasOwn(responses, key)
        ? resolveLocalRef(this.#document, responses[key])
        : undefined;
      const schema = response?.content?.["application/json"]?.schema;
      if (schema !== undefined) return { schema };
      return response && !response.content && key === "204" ? "null" : undefined;
    };
    const rule = [String(status), `${Math.floor(status / 100)}XX`, "default"]
      .map(judged)
      .find((found) => found !== undefined);
    if (rule === undefined) return { valid: true, errors: [] };
    if (rule === "null")
      return body === null ? { valid: true, errors: [] } : { valid: false, errors: ["body must be null"] };
    try {
      const errors = validateValue(this.#document, rule.schema, body);
      return { valid: errors.length === 0, errors };
    } catch (error) {
      // One schema the validator cannot compile must not stop the others: report it by operation.
      return {
        valid: false,
        errors: [
          `the mock cannot validate ${operationId}: ${error instanceof Error ? error.message : String(error)}`,
        ],
      };
    }
  }
}

/**
 * The query as openapi-backend validates it. Names are taken as they are (a parameter named
 * `status[eq]`, as Ango's are, stays one parameter: openapi-backend's own parser would nest it); only a
 * `name[key]` whose `name` is a declared deepObject parameter is nested, as that style means.
 */
/** The request's headers, those the operation declares as arrays or objects read as such (path-styles.ts). */
function headersOf(headers: Headers, parameters: Json[], document: Json): Record<string, string> {
  const read: Record<string, unknown> = Object.fromEntries(headers);
  for (const param of parameters) {
    if (param?.in !== "header" || typeof param.name !== "string") continue;
    const name = param.name.toLowerCase();
    const text = read[name];
    if (typeof text !== "string") continue;
    read[name] = hasJsonContent(param)
      ? readJsonValue(text)
      : readHeaderValue(text, resolveLocalRef(document, param.schema) ?? {}, param.explode === true);
  }
  // openapi-backend's request type says strings; its validator takes whatever the schema describes.
  return read as Record<string, string>;
}

function queryOf(
  url: URL,
  parameters: Json[] | undefined,
  document: Json,
): Record<string, string | string[] | Json> {
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
  // An object in the form style, exploded (OpenAPI's default for query objects), arrives as its own
  // fields (`S3Bucket=a&S3Key=b` for `PlatformDefinitionBundle`): the object is gathered back from them
  // and its fields read by its schema, as a server reads them.
  for (const param of params) {
    const name = String(param.name);
    if (name in query || (param.style ?? "form") !== "form" || param.explode === false) continue;
    const schema = resolveLocalRef(document, param.schema);
    const properties = (schema?.properties ?? {}) as Json;
    const freeForm = schema?.additionalProperties !== undefined && schema.additionalProperties !== false;
    if (schema?.type !== "object" && !schema?.properties) continue;
    const fields = new Map<string, string[]>();
    for (const [key, value] of Object.entries(query)) {
      if (declared.has(key) || (typeof value === "object" && !Array.isArray(value))) continue;
      if (!Object.hasOwn(properties, key) && !freeForm) continue;
      fields.set(key, [value].flat() as string[]);
    }
    // No field at all is an empty object, as a server reads it: the schema then says whether that is allowed.
    if (fields.size === 0) {
      if (param.required === true) query[name] = {};
      continue;
    }
    for (const key of fields.keys()) delete query[key];
    query[name] = formBodyOf(fields, document, { schema });
  }
  for (const param of params) {
    const value = query[String(param.name)];
    if (typeof value === "string" && hasJsonContent(param))
      query[String(param.name)] = readJsonValue(value) as Json;
  }
  // Plain objects out: openapi-backend writes the query back through URLSearchParams, which turns each
  // value into text, and an object without a prototype has no text (Stripe's `scope[type]=account`).
  return Object.fromEntries(
    Object.entries(query).map(([name, value]) => [
      name,
      typeof value === "object" && !Array.isArray(value) && Object.getPrototypeOf(value) === null
        ? Object.fromEntries(Object.entries(value as Json))
        : value,
    ]),
  );
}

/**
 * The copy of `document` the router gets (openapi-backend dereferences its definition in place, and a
 * circular schema would then be a cycle of objects that json-schema-faker walks without end): each path
 * keyed by routedTemplate, the document's own template noted in `routed` where the two differ.
 */
function routedDocument(
  document: Json,
  routed: Map<string, string>,
  renamed: Map<string, ReadonlyMap<string, string>>,
): Json {
  const copy = structuredClone(document);
  if (copy.paths)
    copy.paths = Object.fromEntries(
      Object.entries(copy.paths as Json).map(([template, item]) => {
        const constants = adjacentConstants(copy, template, item);
        let text = template;
        for (const [name, value] of constants) text = text.replace(`{${name}}`, value);
        const names = routerNames(text);
        for (const [name, routerName] of names) text = text.replaceAll(`{${name}}`, `{${routerName}}`);
        const key = routedTemplate(text);
        if (key !== template) routed.set(key, template);
        if (names.size > 0)
          renamed.set(key, new Map([...names].map(([name, routerName]) => [routerName, name])));
        return [key, routedItem(copy, item, new Set(constants.keys()), names)];
      }),
    );
  return copy;
}

/** The parameter names openapi-backend's router reads from a template; any other name it never fills. */
const ROUTER_NAME = /^[A-Za-z0-9_-]+$/;

/**
 * Path parameter names of a template the router cannot read (`{insight_id:}`, `{.format}`: OpenAPI allows
 * any name), each with the name the routed copy gives it instead, unlike every other in the template.
 */
function routerNames(template: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const [, name] of template.matchAll(/\{([^{}]*)\}/g)) {
    if (ROUTER_NAME.test(name as string) || names.has(name as string)) continue;
    let candidate = (name as string).replace(/[^A-Za-z0-9_-]/g, "_") || "_";
    while (template.includes(`{${candidate}}`) || [...names.values()].includes(candidate)) candidate += "_";
    names.set(name as string, candidate);
  }
  return names;
}

/** A value a template can hold as its own text: nothing a router would read otherwise. */
const PLAIN_VALUE = /^[A-Za-z0-9._~-]+$/;

/**
 * Path parameters written right after another (`/profiles/{id}{mediaTypeExtension}`) whose schema allows
 * one value (`enum: [".json"]`), by name: a router cannot tell where the first value ends, but a server
 * serving such a path has one route per value (`/profiles/:id.json`), and so does the routed copy.
 */
function adjacentConstants(document: Json, template: string, item: unknown): Map<string, string> {
  const constants = new Map<string, string>();
  if (typeof item !== "object" || item === null) return constants;
  for (const [, name] of template.matchAll(/\}\{([^{}/]+)\}/g)) {
    const values = new Set<unknown>();
    for (const method of HTTP_METHODS) {
      const op = (item as Json)[method];
      if (typeof op !== "object" || op === null) continue;
      const param = parametersOf(document, item as Json, op).find((p) => p.in === "path" && p.name === name);
      const schema = resolveLocalRef(document, param?.schema);
      values.add(Array.isArray(schema?.enum) && schema.enum.length === 1 ? schema.enum[0] : undefined);
    }
    const [value] = values;
    if (values.size === 1 && typeof value === "string" && PLAIN_VALUE.test(value))
      constants.set(name as string, value);
  }
  return constants;
}

/**
 * The path item as the router must read it: each operation's parameters are parametersOf's (its own over
 * its path item's of the same name and location; openapi-backend validated both, the path item's last),
 * each a copy (its dereferencer resolves a shared object once, where it first meets it). A parameter
 * arrives as text, which the router coerces branch by branch: `42` satisfies both branches of a `oneOf`
 * of an integer and a string, so a top-level `oneOf` is read as `anyOf`, as every server takes it; an
 * untyped enum is given its values' types, so its text is read as the value it spells. Path parameters
 * the routed template holds as text (`constants`, see adjacentConstants) are not parameters there.
 */
function routedItem(
  document: Json,
  item: unknown,
  constants: ReadonlySet<string>,
  routerNames: ReadonlyMap<string, string>,
): unknown {
  if (typeof item !== "object" || item === null) return item;
  const { parameters: _, ...rest } = item as Json;
  for (const method of HTTP_METHODS) {
    const op = rest[method];
    if (typeof op !== "object" || op === null) continue;
    const body = resolveLocalRef(document, op.requestBody);
    if (body?.content && typeof body.content === "object") {
      // openapi-backend validates a body only under the content key `application/json` (or a form's):
      // `application/json; charset=utf-8` is given under its essence, where no other key has it. Its
      // schema is checked by the mock (bodyProblems): openapi-backend's walk of a request body's schema
      // has no end on a self-referencing one, so it is given a schema that accepts any body.
      const content: Json = {};
      for (const [type, media] of Object.entries(body.content as Json)) {
        const essence = mediaTypeEssence(type);
        const accepting = media?.schema === undefined ? media : { ...media, schema: {} };
        content[essence in content || essence in (body.content as Json) ? type : essence] = accepting;
      }
      op.requestBody = { ...body, content };
    }
    const routedParameters = parametersOf(document, item as Json, op).filter(
      (param) => !(param.in === "path" && constants.has(param.name)),
    );
    op.parameters = routedParameters.map((param) => {
      const copy = structuredClone(param);
      if (copy.in === "path" && routerNames.has(copy.name)) copy.name = routerNames.get(copy.name);
      if (copy.schema === undefined && copy.content && typeof copy.content === "object") {
        // A value of a media type (`content`): openapi-backend reads a schema there only under the key
        // `application/json`, and for any other would compile a missing schema. The mock reads a JSON
        // value from its text before validation (headersOf, queryOf); other media types stay text.
        const media = Object.values(copy.content as Json)[0] as Json | undefined;
        copy.schema = media?.schema ?? {};
        delete copy.content;
      }
      const schema = resolveLocalRef(document, copy.schema);
      if (copy.in === "query" && copy.explode === false && schema?.type !== "array" && !schema?.items) {
        // openapi-backend splits every non-exploded query value at its commas, into a list even when
        // there is no comma: a string parameter would never be a string. `explode` means nothing but for
        // lists and objects, so a scalar's is left out.
        delete copy.explode;
      }
      if (Array.isArray(schema?.oneOf)) {
        const { oneOf, ...others } = schema as Json;
        // A copy of the list: the same array object in two places (the schema is shared with a body or
        // another parameter) reaches openapi-backend's compile, which writes its second place as a
        // reference, and `oneOf` then holds a reference where a list must be.
        return { ...copy, schema: { ...others, anyOf: structuredClone(oneOf) } };
      }
      if (copy.in !== "query" && schema?.additionalProperties !== undefined) {
        // openapi-backend gives the whole header (cookie, path) object the parameter schema's
        // additionalProperties, which it means for free-form query objects: one object header closed with
        // `false` would refuse every other header. The value's own fields are not read from its text.
        const { additionalProperties: _, ...open } = schema as Json;
        return { ...copy, schema: open };
      }
      if (Array.isArray(schema?.enum) && schema.type === undefined) {
        // An enum of other values than strings (`[true, false, 0, 1]`) with no type: the text `0` is read
        // as the value it spells, which needs the types to coerce it to.
        return { ...copy, schema: { ...schema, type: enumTypes(schema.enum) } };
      }
      return copy;
    });
  }
  return rest;
}

/** The JSON types of an enum's values, booleans and numbers before strings (the order text is read in). */
function enumTypes(values: unknown[]): string[] {
  const types = new Set<string>();
  for (const value of values) {
    if (value === null) types.add("null");
    else if (typeof value === "number") types.add(Number.isInteger(value) ? "integer" : "number");
    else if (typeof value === "boolean" || typeof value === "string") types.add(typeof value);
    else types.add(Array.isArray(value) ? "array" : "object");
  }
  if (types.has("number")) types.delete("integer");
  const order = ["null", "boolean", "integer", "number", "array", "object", "string"];
  return order.filter((type) => types.has(type));
}

/** The media types whose body openapi-backend validates, in the order it picks one. */
const BODY_TYPES_JUDGED = ["application/json", "multipart/form-data", "application/x-www-form-urlencoded"];

/** How the mock names a request no server could route: two templated paths of one shape. */
export const AMBIGUOUS_PATHS = "ambiguous paths";

/** A path's shape for one method: its parameters' names do not count (`/a/{x}` and `/a/{y}` are one). */
const shapeKey = (method: string, path: string) =>
  `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, "{}")}`;

/** The operations of `document` whose method and path shape another operation has too. */
function ambiguousPaths(document: Json): Map<string, string[]> {
  const byShape = new Map<string, string[]>();
  for (const [path, item] of Object.entries((document.paths ?? {}) as Json)) {
    const resolved = resolveLocalRef(document, item) ?? {};
    for (const method of HTTP_METHODS)
      if (resolved[method]) {
        const key = shapeKey(method, path);
        byShape.set(key, [...(byShape.get(key) ?? []), `${method.toUpperCase()} ${path}`]);
      }
  }
  return new Map([...byShape].filter(([, templates]) => templates.length > 1));
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
