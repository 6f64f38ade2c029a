import { posix } from "node:path";
import { emitCommands } from "./emit-commands.js";
import { emitDocument } from "./emit-document.js";
import {
  emitInternalBarrel,
  emitOperations,
  emitPublicBarrel,
  RUNTIME_CONTRACT_FILE,
} from "./emit-operations.js";
import {
  emitResponseIndex,
  emitResponsePlan,
  emitResponseSchemas,
  RESPONSE_INDEX_FILE,
  RESPONSE_SCHEMAS_FILE,
  responseFileNames,
} from "./emit-responses.js";
import { emitServers } from "./emit-servers.js";
import { emitToolList, emitTools } from "./emit-tools.js";
import { emitTypes } from "./emit-types.js";
import { formatTypeScript } from "./format.js";
import { type ApiModel, type MockHandler, type ModelNotice, readApiModel, readOverrides } from "./model.js";
import type { Json } from "./refs.js";
import { escapeTemplateLookalikes, generatedHeader } from "./text.js";

export interface GenerateOptions {
  /** The parsed OpenAPI document. */
  spec: object;
  /** How the header names the spec, e.g. its path from the repository root (kept relative so output is portable). */
  specLabel: string;
  /** Output paths, relative to wherever the caller writes them. Omit one to skip it. */
  outputs: {
    types?: string;
    operations?: string;
    /**
     * The barrels hand-written code imports instead of any generated file: the public one (the
     * operations' public names and the servers) and the internal one (descriptors, binder, servers); with
     * the response plans' index, one generated module per entry point of the client. Each needs
     * `operations`; the modules they re-export are found from the paths.
     */
    publicBarrel?: string;
    internalBarrel?: string;
    servers?: string;
    document?: string;
    /**
     * Folder of one response-plan module per operation (for response validation); needs `operations`.
     * The folder belongs to the codegen: files it does not write there are stale (see writeFiles).
     */
    responses?: string;
    /** The `ango` command line's commands (packages/cli). */
    commands?: string;
    /** The MCP server's tools (packages/mcp). */
    tools?: string;
    /** The MCP server's tools as a Markdown table, for its README. */
    toolList?: string;
  };
  /** Module specifiers the operations file imports from. */
  typesModule: string;
  /** Folder of the runtime's modules, relative to the operations file. */
  runtimeDir: string;
  /**
   * One module that exports everything generated code uses of the runtime (`@ango-hub/client/contract`),
   * for a client generated outside the client package; when given, runtimeDir is not used.
   */
  runtimeModule?: string;
  /** Folder of the CLI's modules (`command-spec.js`), relative to the commands file. Default `..`. */
  cliDir?: string;
  /** Folder of the MCP server's modules (`tool-spec.js`), relative to the tools file. Default `..`. */
  mcpDir?: string;
  /** The overrides document kept beside the spec (see model.ts readOverrides), if any. */
  overrides?: unknown;
  /** Biome configuration (formatter and javascript sections) the output is formatted with. */
  formatterConfig?: object;
  /**
   * Filled with where the time went, in milliseconds: reading the model, each output (emitting it and
   * escaping its text), and formatting (all outputs). For the bench's profile; leave it out otherwise.
   */
  profile?: GenerateProfile;
}

/** Milliseconds by step of generate(); see GenerateOptions.profile. */
export type GenerateProfile = Partial<Record<"model" | keyof GenerateOptions["outputs"] | "format", number>>;

export interface GeneratedFile {
  path: string;
  contents: string;
}

/** Everything derived from the spec, formatted, in memory: the same input always gives the same bytes. */
export async function generate(options: GenerateOptions): Promise<GeneratedFile[]> {
  return (await generateWithNotices(options)).files;
}

/** generate(), plus what the codegen decided on its own (derived names, settled clashes), for reporting. */
export async function generateWithNotices(
  options: GenerateOptions,
): Promise<{ files: GeneratedFile[]; notices: ModelNotice[] }> {
  const profile = options.profile ?? {};
  const timed = <T>(step: keyof GenerateProfile, work: () => T): T => {
    const started = performance.now();
    try {
      return work();
    } finally {
      profile[step] = (profile[step] ?? 0) + performance.now() - started;
    }
  };
  const model = timed("model", () => readApiModel(options.spec, options.overrides));
  const header = generatedHeader(options.specLabel);
  const config = options.formatterConfig ?? {};
  const files: GeneratedFile[] = [];
  // The types (openapi-typescript's printer) and the document (one statement) are written as emitted:
  // Biome would take longer than generating them on a large document, and biome.json does not format
  // them. What we emit ourselves is formatted, so it reads like the code beside it.
  // Each output is emitted only when asked for: a caller that wants the operations alone needs no servers.
  const add = async (
    output: keyof GenerateOptions["outputs"],
    emit: () => string | Promise<string>,
    format: boolean,
    path = options.outputs[output],
  ) => {
    if (!path) return;
    const started = performance.now();
    const source = escapeTemplateLookalikes(header + (await emit()));
    profile[output] = (profile[output] ?? 0) + performance.now() - started;
    files.push({
      path,
      contents: format ? timed("format", () => formatTypeScript(source, path, config)) : source,
    });
  };
  await add("types", () => emitTypes(options.spec, model), false);
  const { operations, responses } = options.outputs;
  const responsePlanKeys = operations && responses ? responseFileNames(model) : undefined;
  await add("operations", () => emitOperations(model, { ...options, responsePlanKeys }), true);
  if (operations && responses && responsePlanKeys) {
    const planModule = posix.join(
      posix.relative(responses, posix.dirname(operations)),
      options.runtimeDir,
      RUNTIME_CONTRACT_FILE,
    );
    const planSpecifier =
      options.runtimeModule ?? (planModule.startsWith(".") ? planModule : `./${planModule}`);
    await add(
      "responses",
      () => emitResponseIndex(responsePlanKeys, planSpecifier),
      true,
      `${responses}/${RESPONSE_INDEX_FILE}.ts`,
    );
    // Written as emitted: each is a few statements, and there can be thousands of them.
    if (responsePlanKeys.size > 0)
      await add(
        "responses",
        () => emitResponseSchemas(model, planSpecifier),
        false,
        `${responses}/${RESPONSE_SCHEMAS_FILE}.ts`,
      );
    for (const op of model.operations) {
      const file = responsePlanKeys.get(op.name);
      if (file !== undefined)
        await add("responses", () => emitResponsePlan(op, planSpecifier), false, `${responses}/${file}.ts`);
    }
  }
  if (operations) {
    // Each barrel names its modules relative to itself, whatever folders the outputs are in.
    const from = (barrel: string, module: string | undefined) => {
      if (module === undefined) return undefined;
      const path = posix.relative(posix.dirname(barrel), module).replace(/\.ts$/, ".js");
      return path.startsWith(".") ? path : `./${path}`;
    };
    const { publicBarrel, internalBarrel, servers } = options.outputs;
    if (publicBarrel)
      await add(
        "publicBarrel",
        () =>
          emitPublicBarrel(model, {
            operations: from(publicBarrel, operations) as string,
            servers: from(publicBarrel, servers),
          }),
        true,
      );
    if (internalBarrel)
      await add(
        "internalBarrel",
        () =>
          emitInternalBarrel({
            operations: from(internalBarrel, operations) as string,
            servers: from(internalBarrel, servers),
          }),
        true,
      );
  }
  await add("servers", () => emitServers(model), true);
  // Data only (one JSON string literal), like the document: written as emitted.
  await add("commands", () => emitCommands(model, options.cliDir), false);
  await add("tools", () => emitTools(model, options.spec as Json, options.mcpDir), false);
  // Markdown, not source: written without the source header (it carries its own).
  if (options.outputs.toolList)
    files.push({
      path: options.outputs.toolList,
      contents: emitToolList(model, options.spec as Json),
    });
  await add("document", () => emitDocument(options.spec, mockHandlersOf(model, options.overrides)), false);
  return { files, notices: model.notices };
}

/**
 * The mock handler each operation gets from the overrides file (keyed by the spec's operationId), by the
 * operation's generated name: the name the mock knows it by (operationNames).
 */
function mockHandlersOf(model: ApiModel, overrides: unknown): Record<string, MockHandler> {
  const entries = readOverrides(overrides).operations;
  return Object.fromEntries(
    model.operations.flatMap((op) => {
      const mock = op.operationId !== undefined ? entries[op.operationId]?.mock : undefined;
      return mock ? [[op.name, mock]] : [];
    }),
  );
}
