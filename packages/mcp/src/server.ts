// The MCP server: the spec's operations as tools (one each, or three dynamic ones), each call sent
// through the client's runtime (its retries, typed errors, redaction and response validation).
import type { AngoLogger, FetchLike } from "@ango-hub/client";
import { AngoRuntime, type OperationRequest, paginate } from "@ango-hub/client/contract";
import { displayJson, displayText } from "@ango-hub/client/text";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv";
import type { JsonSchemaValidator, jsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/types.js";
import type { Catalog } from "./catalog.js";
import { SPEC_CATALOG } from "./catalog.js";
import { errorResult, successResult, ToolInputError } from "./results.js";
import type { ToolSpec } from "./tool-spec.js";

export { type Catalog, SPEC_CATALOG };

import {
  controlArgument,
  inputSchemaOf,
  isReadOnly,
  RESULT_LIMITS,
  selectTools,
  type ToolFilter,
  toolDefinition,
} from "./tools.js";
import { VERSION } from "./version.js";

/** Options of createAngoMcpServer; `ango-mcp`'s flags and environment set them. */
export interface AngoMcpServerOptions {
  /** `"operations"` (default): a tool per operation. `"dynamic"`: three tools that search, describe and invoke them. */
  tools?: "operations" | "dynamic";
  /** Which operations are exposed (either way). */
  filter?: ToolFilter;
  /** The Ango Hub API key. Default: the `ANGO_API_KEY` environment variable. */
  apiKey?: string | undefined;
  /** A server preset or base URL. Default: `ANGO_BASE_URL`, else `ANGO_SERVER`, else the spec's first server. */
  server?: string | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  /** Response validation: `"off"` (default), `"observe"` (drift logged) or `"enforce"` (drift fails the call). */
  validateResponses?: "off" | "observe" | "enforce" | undefined;
  /** Where log lines go. Default: standard error (standard output is the protocol's, on stdio). */
  logger?: AngoLogger;
  /** The fetch the client sends with (tests). */
  fetch?: FetchLike;
  /** The tools' source (tests): default, the spec's. */
  catalog?: Catalog;
  /**
   * What checks each call's arguments against its tool's input schema (the SDK's validator interface).
   * Default: the SDK's Ajv validator, which generates code at run time; where that is not allowed
   * (Cloudflare Workers), pass the SDK's `CfWorkerJsonSchemaValidator`.
   */
  jsonSchemaValidator?: jsonSchemaValidator;
}

/** The three tools of `--tools dynamic`. */
export const DYNAMIC_TOOLS = {
  search: "search_operations",
  describe: "describe_operation",
  invoke: "invoke_operation",
} as const;

/** At most this many operations answer one search. */
const MAX_SEARCH_RESULTS = 50;

/** Log lines on standard error, one line each, with the server's text cleaned. */
export const stderrLogger: AngoLogger = Object.fromEntries(
  (["error", "warn", "info", "debug"] as const).map((level) => [
    level,
    (message: string, details?: Record<string, unknown>) =>
      process.stderr.write(
        `ango-mcp ${level}: ${displayText(message)}${details ? ` ${displayJson(JSON.stringify(details))}` : ""}\n`,
      ),
  ]),
) as unknown as AngoLogger;

/** An MCP server (the SDK's low-level `Server`) over the spec's operations; connect it to a transport. */
export function createAngoMcpServer(options: AngoMcpServerOptions = {}): Server {
  const catalog = options.catalog ?? SPEC_CATALOG;
  const selected = selectTools(catalog.tools, options.filter);
  const byName = new Map(selected.map((spec) => [spec.name, spec]));
  const key = (options.apiKey ?? globalThis.process?.env?.ANGO_API_KEY ?? "").trim() || undefined;
  const validators = new Map<string, JsonSchemaValidator<Record<string, unknown>>>();
  const schemaValidator = options.jsonSchemaValidator ?? new AjvJsonSchemaValidator();
  let runtime: AngoRuntime | undefined;

  const descriptorOf = (spec: ToolSpec) => {
    const descriptor = catalog.descriptors[spec.operation];
    if (!descriptor)
      throw new Error(
        `no descriptor for ${spec.operation}: the tools and the client are from different specs.`,
      );
    return descriptor;
  };
  const runtimeFor = () => {
    if (!key)
      throw new ToolInputError(
        "No API key: set ANGO_API_KEY in the environment your MCP client starts ango-mcp with (over HTTP: send it as Authorization: Bearer <key>).",
      );
    runtime ??= new AngoRuntime(
      {
        apiKey: key,
        ...(options.server !== undefined ? { server: options.server } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
        ...(options.validateResponses !== undefined ? { validateResponses: options.validateResponses } : {}),
        responseValidation: catalog.responseValidation,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        logger: options.logger ?? stderrLogger,
      },
      catalog.access,
    );
    return runtime;
  };

  async function invoke(
    spec: ToolSpec,
    args: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<CallToolResult> {
    let validate = validators.get(spec.name);
    if (!validate) {
      validate = schemaValidator.getValidator(inputSchemaOf(spec));
      validators.set(spec.name, validate);
    }
    const checked = validate(args);
    if (!checked.valid)
      throw new ToolInputError(
        `Invalid arguments for ${spec.name}: ${checked.errorMessage}. Call describe or list the tools for its input schema.`,
      );
    const descriptor = descriptorOf(spec);
    const request = requestOf(spec, args);
    const filter = args[controlArgument(spec, "outputFilter")] as string | undefined;
    if (spec.pagination && args[controlArgument(spec, "allPages")] === true) {
      const maxItems =
        (args[controlArgument(spec, "maxItems")] as number | undefined) ?? RESULT_LIMITS.defaultMaxItems;
      const items: unknown[] = [];
      for await (const item of paginate(runtimeFor(), descriptor, request, { maxItems, signal }))
        items.push(item);
      const note =
        items.length === maxItems
          ? `Stopped at ${controlArgument(spec, "maxItems")} (${maxItems}); more items may remain.`
          : undefined;
      return successResult({ items }, { filter, key, note });
    }
    const value = await runtimeFor().call<unknown>(descriptor, request, { signal });
    if (typeof Blob !== "undefined" && value instanceof Blob)
      return successResult(
        { result: { type: value.type, size: value.size } },
        { filter, key, note: "The answer is a file; its bytes are not returned, only its type and size." },
      );
    return successResult({ result: value ?? null }, { filter, key });
  }

  const call = async (spec: ToolSpec | undefined, name: string, args: unknown, signal: AbortSignal) => {
    try {
      if (!spec) throw new ToolInputError(`No tool named ${name.slice(0, 100)} on this server.`);
      if (typeof args !== "object" || args === null || Array.isArray(args))
        throw new ToolInputError("The arguments must be a JSON object.");
      return await invoke(spec, args as Record<string, unknown>, signal);
    } catch (error) {
      return errorResult(error, key);
    }
  };

  const server = new Server(
    { name: "ango-hub", title: "Ango Hub", version: VERSION },
    {
      capabilities: { tools: {} },
      jsonSchemaValidator: schemaValidator,
      instructions: displayText(
        `Tools for the ${catalog.api.title} (${catalog.api.version}). ${
          options.tools === "dynamic"
            ? `Find an operation with ${DYNAMIC_TOOLS.search}, read its input with ${DYNAMIC_TOOLS.describe}, then call it with ${DYNAMIC_TOOLS.invoke}.`
            : "One tool per operation."
        } Lists take all_pages and max_items; every tool takes output_filter (JMESPath) to return only what you need.`,
      ),
    },
  );

  if (options.tools === "dynamic") {
    const definitions = dynamicTools(selected);
    server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: definitions }));
    server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
      const args = (request.params.arguments ?? {}) as Record<string, unknown>;
      const named = typeof args.name === "string" ? args.name : "";
      try {
        switch (request.params.name) {
          case DYNAMIC_TOOLS.search:
            return successResult({ result: searchTools(selected, args.query, args.limit) }, { key });
          case DYNAMIC_TOOLS.describe: {
            const spec = byName.get(named);
            if (!spec)
              throw new ToolInputError(`No operation named ${named.slice(0, 100)}: search for one first.`);
            return successResult({ result: toolDefinition(spec, descriptorOf(spec)) }, { key });
          }
          case DYNAMIC_TOOLS.invoke:
            return await call(byName.get(named), named, args.arguments ?? {}, extra.signal);
          default:
            throw new ToolInputError(`No tool named ${request.params.name.slice(0, 100)} on this server.`);
        }
      } catch (error) {
        return errorResult(error, key);
      }
    });
  } else {
    const definitions = selected.map((spec) => toolDefinition(spec, descriptorOf(spec)));
    server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: definitions }));
    server.setRequestHandler(CallToolRequestSchema, (request, extra) =>
      call(
        byName.get(request.params.name),
        request.params.name,
        request.params.arguments ?? {},
        extra.signal,
      ),
    );
  }
  return server;
}

/** The request the client sends for a tool's arguments: each parameter where the spec puts it. */
function requestOf(spec: ToolSpec, args: Record<string, unknown>): OperationRequest {
  const request: Record<string, Record<string, unknown>> = {};
  const place = { path: "path", query: "query", header: "headers", cookie: "cookies" } as const;
  for (const parameter of spec.parameters) {
    const value = args[parameter.argument];
    if (value === undefined) continue;
    const at = place[parameter.in];
    request[at] ??= {};
    (request[at] as Record<string, unknown>)[parameter.name] = value;
  }
  return { ...request, ...(spec.body && args.body !== undefined ? { body: args.body } : {}) };
}

/** Operations whose name, title, description or path hold every word of `query`, best first. */
function searchTools(specs: readonly ToolSpec[], query: unknown, limit: unknown) {
  const words = (typeof query === "string" ? query.slice(0, 500) : "")
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
  const count =
    typeof limit === "number" && Number.isInteger(limit) && limit > 0
      ? Math.min(limit, MAX_SEARCH_RESULTS)
      : 20;
  const scored = specs
    .map((spec) => {
      const name = spec.name.toLowerCase();
      const text = `${name} ${spec.title ?? ""} ${spec.path} ${spec.description}`.toLowerCase();
      const matched = words.every((word) => text.includes(word));
      const score = words.filter((word) => name.includes(word)).length;
      return { spec, matched, score };
    })
    .filter(({ matched }) => matched)
    .sort((a, b) => b.score - a.score);
  return {
    operations: scored.slice(0, count).map(({ spec }) => ({
      name: spec.name,
      ...(spec.title ? { title: spec.title } : {}),
      method: spec.method,
      path: spec.path,
      readOnly: isReadOnly(spec),
    })),
    total: scored.length,
  };
}

/** search_operations, describe_operation and invoke_operation, over the selected operations. */
function dynamicTools(selected: readonly ToolSpec[]): Tool[] {
  const readOnly = selected.every(isReadOnly);
  return [
    {
      name: DYNAMIC_TOOLS.search,
      title: "Search the API's operations",
      description: `Finds operations of the API whose name, title, description or path hold every word of the query (an empty query lists them). Answers their names, methods and paths; at most ${MAX_SEARCH_RESULTS}.`,
      inputSchema: {
        type: "object",
        properties: {
          query: { type: "string", maxLength: 500, description: "Words to look for, e.g. `list projects`." },
          limit: { type: "integer", minimum: 1, maximum: MAX_SEARCH_RESULTS, default: 20 },
        },
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    {
      name: DYNAMIC_TOOLS.describe,
      title: "Describe an operation",
      description: `An operation's description, input schema, output schema and hints: read it before ${DYNAMIC_TOOLS.invoke}.`,
      inputSchema: {
        type: "object",
        properties: {
          name: { type: "string", description: `An operation's name, from ${DYNAMIC_TOOLS.search}.` },
        },
        required: ["name"],
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    {
      name: DYNAMIC_TOOLS.invoke,
      title: "Call an operation",
      description: `Calls an operation with arguments that match its input schema (${DYNAMIC_TOOLS.describe}).`,
      inputSchema: {
        type: "object",
        properties: {
          name: { type: "string", description: "The operation's name." },
          arguments: { type: "object", description: "The operation's arguments." },
        },
        required: ["name"],
      },
      annotations: { readOnlyHint: readOnly, destructiveHint: !readOnly, openWorldHint: true },
    },
  ];
}
