import type { Batch, ProjectResponse } from "@ango-hub/types";
import ajvFormats from "ajv-formats";
import { type Context, type Document, OpenAPIBackend } from "openapi-backend";
import { openApiDocument } from "./generated/openapi-document.js";

export interface MockAngoOptions {
  /** The only API key accepted. Default: any non-empty `apikey` header. */
  apiKey?: string;
  /**
   * Answers an operation yourself, after the request passed validation (return undefined to keep the
   * built-in behaviour). Use it to serve fixtures or errors.
   */
  respond?: (call: MockCall) => MockResponse | undefined;
}

export interface MockCall {
  operationId: string;
  params: Record<string, string>;
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

type Outcome = MockResponse & { operationId?: string; valid: boolean; reason?: string };

/** The path of the spec's first server URL (`/v2`): the mock serves the API under it. */
export const basePath = new URL(openApiDocument.servers[0]?.url ?? "http://x/").pathname.replace(/\/$/, "");

const document = openApiDocument as unknown as Document;

// The API key scheme, from the spec rather than restated here: its name keys openapi-backend's
// security handler, `in`/`name` say where the key is read.
function readSecurityScheme(): { schemeName: string; keyHeader: string } {
  const [schemeName, scheme] = Object.entries(openApiDocument.components.securitySchemes)[0] ?? [];
  if (!schemeName || !scheme) throw new Error("The OpenAPI document declares no security scheme.");
  return { schemeName, keyHeader: scheme.name.toLowerCase() };
}
const { schemeName: securitySchemeName, keyHeader } = readSecurityScheme();

// ajv-formats is CommonJS with `exports.default`; under NodeNext its default import is the module object.
type AddFormats = (
  ajv: Parameters<NonNullable<ConstructorParameters<typeof OpenAPIBackend>[0]["customizeAjv"]>>[0],
) => unknown;
const addFormats: AddFormats =
  (ajvFormats as unknown as { default?: AddFormats }).default ?? (ajvFormats as unknown as AddFormats);

/**
 * A spec-driven fake of Ango Hub that works on fetch `Request`/`Response`, so it can sit behind a real
 * HTTP server (startMockAngoServer) or an MSW handler. Every request is validated with openapi-backend
 * against the OpenAPI document: a missing key is a 401, an invalid one a 401, an invalid body a 400
 * with a readable reason. Batches are kept per project in memory.
 */
export class MockAngo {
  /** Batches by project id. */
  readonly projects = new Map<string, Batch[]>();
  /** Every request seen, in order. */
  readonly calls: RecordedCall[] = [];
  readonly #api: OpenAPIBackend;
  readonly #options: MockAngoOptions;
  readonly #ready: Promise<unknown>;
  #nextId = 1;

  constructor(options: MockAngoOptions = {}) {
    this.#options = options;
    this.#api = new OpenAPIBackend({
      definition: structuredClone(document),
      // The document is linted by Redocly in this repo (its $ref siblings are accepted there), so skip
      // openapi-backend's own, stricter document check; requests are still fully validated.
      quick: true,
      // The spec uses `uri` and `date-time` formats; validate them rather than ignore them.
      customizeAjv: (ajv) => {
        addFormats(ajv);
        return ajv;
      },
      apiRoot: "/",
      securityHandlers: {
        [securitySchemeName]: (c: Context) => {
          const key = c.request.headers[keyHeader];
          if (typeof key !== "string" || key === "") return false;
          return options.apiKey === undefined || key === options.apiKey;
        },
      },
      handlers: {
        updateProjectBatches: (c: Context) => this.#updateProjectBatches(c),
        unauthorizedHandler: (c: Context): Outcome => ({
          operationId: c.operation?.operationId,
          status: 401,
          valid: false,
          reason: `missing or wrong ${keyHeader} header`,
          body: { status: "error", message: `Unauthorized: send your API key in the ${keyHeader} header.` },
        }),
        validationFail: (c: Context): Outcome => {
          const reason = (c.validation.errors ?? [])
            .map((e) => `${e.instancePath || "request"} ${e.message ?? "is invalid"}`.trim())
            .join("; ");
          return {
            operationId: c.operation?.operationId,
            status: 400,
            valid: false,
            reason,
            body: { status: "error", message: `Invalid request: ${reason}` },
          };
        },
        notFound: (): Outcome => ({
          status: 404,
          valid: false,
          reason: "no such path",
          body: { status: "error", message: "Not found" },
        }),
        methodNotAllowed: (): Outcome => ({
          status: 405,
          valid: false,
          reason: "method not allowed",
          body: { status: "error", message: "Method not allowed" },
        }),
        notImplemented: (c: Context): Outcome => ({
          status: 501,
          valid: true,
          body: { status: "error", message: `${c.operation.operationId} is not implemented by the mock` },
        }),
      },
    });
    this.#ready = this.#api.init();
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

  /** Answers one request; `pathPrefix` is stripped first (default: the spec server's path, `/v2`). */
  async handle(request: Request, pathPrefix = basePath): Promise<Response> {
    await this.#ready;
    const url = new URL(request.url);
    const path = url.pathname.startsWith(pathPrefix)
      ? url.pathname.slice(pathPrefix.length) || "/"
      : url.pathname;
    const text = await request.text();
    const contentType = request.headers.get("content-type") ?? "";
    let outcome: Outcome;
    if (text !== "" && !/^application\/json\b/i.test(contentType)) {
      outcome = {
        status: 415,
        valid: false,
        reason: `content-type ${contentType || "missing"}`,
        body: { status: "error", message: "Send the body as application/json." },
      };
    } else {
      let body: unknown;
      try {
        body = text === "" ? undefined : JSON.parse(text);
        outcome = (await this.#api.handleRequest({
          method: request.method,
          path,
          headers: Object.fromEntries(request.headers),
          query: url.search.slice(1),
          body,
        })) as Outcome;
      } catch {
        outcome = {
          status: 400,
          valid: false,
          reason: "body is not JSON",
          body: { status: "error", message: "Invalid JSON body" },
        };
      }
    }
    this.calls.push({
      method: request.method,
      path: url.pathname,
      operationId: outcome.operationId,
      status: outcome.status,
      valid: outcome.valid,
      ...(outcome.reason ? { reason: outcome.reason } : {}),
    });
    return new Response(outcome.body === undefined ? null : JSON.stringify(outcome.body), {
      status: outcome.status,
      headers: {
        ...(outcome.body === undefined ? {} : { "content-type": "application/json" }),
        ...outcome.headers,
      },
    });
  }

  #updateProjectBatches(c: Context): Outcome {
    const projectId = String(c.request.params.projectId);
    const body = c.request.requestBody as { batches: Batch[] };
    const custom = this.#options.respond?.({
      operationId: "updateProjectBatches",
      params: { projectId },
      body,
      headers: new Headers(c.request.headers as Record<string, string>),
    });
    if (custom) return { ...custom, operationId: "updateProjectBatches", valid: true };

    // Batches are merged by _id: a known _id is renamed, an unknown one added, a missing one assigned.
    const stored = [...this.batches(projectId)];
    for (const batch of body.batches) {
      const existing = batch._id === undefined ? -1 : stored.findIndex((b) => b._id === batch._id);
      const saved = { _id: batch._id ?? this.#newId(), name: batch.name };
      if (existing >= 0) stored[existing] = saved;
      else stored.push(saved);
    }
    this.projects.set(projectId, stored);
    const response: ProjectResponse = {
      status: "success",
      data: { project: { _id: projectId, name: `Project ${projectId}`, type: "ango", batches: stored } },
    };
    const check = this.#api.validateResponse(response, "updateProjectBatches", 200);
    if (check.errors?.length) {
      return {
        status: 500,
        valid: true,
        reason: "mock built an invalid response",
        body: { status: "error", message: JSON.stringify(check.errors) },
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
    const result = this.#api.validateResponse(body, operationId, status);
    const errors = (result.errors ?? []).map((e: { instancePath?: string; message?: string }) =>
      `${e.instancePath || "body"} ${e.message ?? ""}`.trim(),
    );
    return { valid: errors.length === 0, errors };
  }
}
