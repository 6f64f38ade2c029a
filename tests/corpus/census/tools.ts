// The census's last step: the document's MCP tools (what `ango-mcp` would serve for it), listed through
// the SDK's client, and each call the client made again as its tool with the same input, mapped to the
// tool's arguments: the server must accept the arguments by the tool's own input schema, send what the
// mock accepts, and answer without error, its structured result conforming to the tool's output schema.
// Then the other direction, as an agent builds a call: arguments sampled from each tool's own input
// schema must be ones the spec accepts (the MCP server's tests do the same on spec/'s document).
import { type ApiModel, SCHEMA_NOTES, toolsOf } from "@ango-hub/codegen";
import { createAngoMcpServer, type ToolSpec } from "@ango-hub/mcp";
import { brokeWhatIsTold, unfaithfulInput } from "@ango-hub/test-support/tool-arguments";
import { type MockAngo, NO_VALID_ANSWER, sampleValue } from "@ango-hub/testing";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv";
import type {
  JsonSchemaType,
  JsonSchemaValidator,
  jsonSchemaValidator,
} from "@modelcontextprotocol/sdk/validation/types.js";
import { Ajv } from "ajv";
import ajvFormats from "ajv-formats";
import type { Json } from "../test/support/corpus.js";
import { INPUT_GROUPS, pathInputKey } from "../test/support/inputs.js";

/** A call the generated client made and the mock accepted: its operation and the input it was given. */
export interface Accepted {
  operation: string;
  input: Record<string, unknown>;
}

/** The tool's arguments for a generated function's input; undefined when the input holds bytes (a Blob). */
function argumentsOf(spec: ToolSpec, input: Record<string, unknown>): Record<string, unknown> | undefined {
  const args: Record<string, unknown> = {};
  for (const parameter of spec.parameters) {
    const value =
      parameter.in === "path"
        ? input[pathInputKey(parameter.name)]
        : (input[INPUT_GROUPS[parameter.in] as string] as Record<string, unknown> | undefined)?.[
            parameter.name
          ];
    if (value !== undefined) args[parameter.argument] = value;
  }
  if (input.body !== undefined) args.body = input.body;
  return holdsBytes(args) ? undefined : args;
}

function holdsBytes(value: unknown, depth = 0): boolean {
  if (value instanceof Blob || value instanceof Uint8Array || value instanceof ArrayBuffer) return true;
  if (typeof value !== "object" || value === null || depth > 32) return false;
  return Object.values(value).some((item) => holdsBytes(item, depth + 1));
}

const silent = { error() {}, warn() {}, info() {}, debug() {} };

// ajv-formats is CommonJS with `exports.default`; under NodeNext its default import is the module object.
const addFormats = (ajvFormats as unknown as { default: (ajv: Ajv) => Ajv }).default;

/**
 * How many compiled schemas the worker keeps for the documents after the one that compiled them: a
 * vendor's documents repeat each other's schemas (Azure's and Google's error bodies), and a batch's
 * documents share one cache, dropped whole when it reaches this size so the batch's memory stays bounded.
 */
export const SHARED_COMPILED_SCHEMAS = 4096;

let shared: { validator: jsonSchemaValidator; size: () => number } | undefined;

/** The worker's schema validator, shared by its documents (schemaValidator), fresh once it holds too many. */
function workerValidator(): jsonSchemaValidator {
  if (!shared || shared.size() >= SHARED_COMPILED_SCHEMAS) shared = schemaValidator();
  return shared.validator;
}

/**
 * The SDK's own Ajv settings (its createDefaultAjvInstance), with Ajv's code optimiser off, and each
 * schema compiled once per text. Here each schema is compiled to be used once or twice: the optimiser
 * doubled the compile time (7.3 s to 3.2 s for the tools of one fortieth of the directory), and tools
 * repeat each other's schemas (GitHub's 846 tools have 203 distinct result schemas, Stripe's 453 have
 * 219), which Ajv, keying its cache by the schema object, compiled again for each (one fortieth of
 * the directory in one worker: 104 CPU-s before, 88 after). A schema object seen before is not
 * serialised again: the server asks for a tool's input schema at each call. What a schema accepts,
 * and whether it compiles, is the same either way.
 */
function schemaValidator(): { validator: jsonSchemaValidator; size: () => number } {
  const ajv = new Ajv({
    strict: false,
    validateFormats: true,
    validateSchema: false,
    allErrors: true,
    code: { optimize: false },
  });
  addFormats(ajv);
  const compiler = new AjvJsonSchemaValidator(ajv);
  const byText = new Map<string, JsonSchemaValidator<unknown>>();
  const byObject = new WeakMap<object, JsonSchemaValidator<unknown>>();
  const validator: jsonSchemaValidator = {
    getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
      let validate = byObject.get(schema);
      if (!validate) {
        const text = JSON.stringify(schema);
        validate = byText.get(text);
        if (!validate) {
          validate = compiler.getValidator(schema);
          byText.set(text, validate);
        }
        byObject.set(schema, validate);
      }
      return validate as JsonSchemaValidator<T>;
    },
  };
  return { validator, size: () => byText.size };
}

/** The first problem of the document's tools, or undefined when every one behaves. */
export async function checkTools(
  setting: { grown: Json; model: ApiModel; client: Json; mock: MockAngo; key: string },
  accepted: readonly Accepted[],
): Promise<{ operation?: string; reason: string } | undefined> {
  const { grown, model, client, mock, key } = setting;
  const tools = toolsOf(model, grown);
  if (tools.length !== Object.keys(client.operationDescriptors as Json).length)
    return {
      reason: `${tools.length} tools for ${Object.keys(client.operationDescriptors).length} operations`,
    };
  const validator = workerValidator();
  const server = createAngoMcpServer({
    catalog: {
      api: { title: "census", version: "1" },
      tools,
      descriptors: client.operationDescriptors,
      access: client.specAccess,
      responseValidation: client.responseValidation,
    },
    apiKey: key,
    server: "https://census.test/v2",
    maxRetries: 0,
    validateResponses: "enforce",
    logger: silent as never,
    fetch: (url, init) => mock.handle(new Request(url, init)),
    jsonSchemaValidator: validator,
  });
  const mcp = new Client({ name: "census", version: "1" }, { jsonSchemaValidator: validator });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverSide), mcp.connect(clientSide)]);
  try {
    // The SDK's client checks each listed tool, and later each structured result by its output schema.
    const { tools: listed } = await mcp.listTools();
    if (new Set(listed.map((tool) => tool.name)).size !== tools.length)
      return { reason: `the server lists ${listed.length} tools for ${tools.length} operations` };
    const byOperation = new Map(tools.map((spec) => [spec.operation, spec]));
    for (const { operation, input } of accepted) {
      const spec = byOperation.get(operation);
      if (!spec) return { operation, reason: "no tool" };
      const args = argumentsOf(spec, input);
      if (!args) continue;
      const before = mock.calls.length;
      let result: CallToolResult;
      try {
        result = (await mcp.callTool({ name: spec.name, arguments: args })) as CallToolResult;
      } catch (error) {
        return { operation, reason: `tool ${spec.name}: ${(error as Error).message}` };
      }
      const seen = mock.calls.length > before ? mock.calls.at(-1) : undefined;
      if (seen && !seen.valid)
        return {
          operation,
          reason: `tool ${spec.name}: the mock refused the call: ${seen.status} ${seen.reason}`,
        };
      if (result.isError) return { operation, reason: `tool ${spec.name}: ${textOf(result).slice(0, 500)}` };
    }
    // Only where the client's own call went through: an operation no request can reach (two paths of one
    // shape, a GET with a required body) is counted as impossible by the call step.
    const reached = new Set(accepted.map(({ operation }) => operation));
    // Tool schemas hold no references: one document for all of them, so the sampler's checks share one
    // validator instance instead of building one per tool.
    const toolDocument = {};
    for (const spec of tools.filter(({ operation }) => reached.has(operation))) {
      const problem = await checkSampledCall(mcp, mock, spec, toolDocument);
      if (problem) return { operation: spec.operation, reason: `tool ${spec.name}: ${problem}` };
    }
    return undefined;
  } finally {
    await mcp.close();
    await server.close();
  }
}

const textOf = (result: CallToolResult) => (result.content[0] as { text?: string } | undefined)?.text ?? "";

/** A call with arguments sampled from the tool's own input schema: what went wrong, or undefined. */
async function checkSampledCall(
  mcp: Client,
  mock: MockAngo,
  spec: ToolSpec,
  toolDocument: Record<string, unknown>,
): Promise<string | undefined> {
  if (unfaithfulInput(spec, SCHEMA_NOTES)) return undefined;
  const schema = spec.inputSchema as Record<string, unknown>;
  const sample = await sampleValue(toolDocument, schema, { seed: 7, nonEmpty: true, optionalFields: "none" });
  if (!sample.valid) return `no arguments its input schema admits: ${sample.errors.join("; ")}`;
  if (holdsBytes(sample.value)) return undefined;
  const before = mock.calls.length;
  let result: CallToolResult;
  try {
    result = (await mcp.callTool({
      name: spec.name,
      arguments: sample.value as Record<string, unknown>,
    })) as CallToolResult;
  } catch (error) {
    return `sampled arguments: ${(error as Error).message}`;
  }
  if (result.isError && textOf(result).includes(NO_VALID_ANSWER)) return undefined;
  const calls = mock.calls.slice(before);
  const seen = calls[0];
  if (seen && !seen.valid && brokeWhatIsTold(spec, seen.reason, SCHEMA_NOTES)) return undefined;
  if (calls.length !== 1 || !seen?.valid)
    return `arguments its input schema admits were ${seen ? `refused by the mock: ${seen.status} ${seen.reason}` : `not sent: ${textOf(result).slice(0, 300)}`}`;
  // An operation that declares no success is answered with the first status it declares: an error.
  if ((seen.status ?? 200) < 300 && result.isError)
    return `sampled arguments: ${textOf(result).slice(0, 500)}`;
  return undefined;
}
