import { basename } from "node:path";
import { emitDocument } from "./emit-document.js";
import { emitOperations, emitPublicOperations } from "./emit-operations.js";
import { emitServers } from "./emit-servers.js";
import { emitTypes } from "./emit-types.js";
import { formatTypeScript } from "./format.js";
import { type ApiModel, type MockHandler, type ModelNotice, readApiModel, readOverrides } from "./model.js";
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
    /** The operations module's public names, re-exported from `./<operations file>` (same folder). */
    publicOperations?: string;
    servers?: string;
    document?: string;
  };
  /** Module specifiers the operations file imports from. */
  typesModule: string;
  /** Folder of the runtime's modules, relative to the operations file. */
  runtimeDir: string;
  /** The overrides document kept beside the spec (see model.ts readOverrides), if any. */
  overrides?: unknown;
  /** Biome configuration (formatter and javascript sections) the output is formatted with. */
  formatterConfig?: object;
}

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
  const model = readApiModel(options.spec, options.overrides);
  const header = generatedHeader(options.specLabel);
  const config = options.formatterConfig ?? {};
  const files: GeneratedFile[] = [];
  // The types (openapi-typescript's printer) and the document (one statement) are written as emitted:
  // Biome would take longer than generating them on a large document, and biome.json does not format
  // them. What we emit ourselves is formatted, so it reads like the code beside it.
  const add = (path: string | undefined, body: string, format: boolean) => {
    if (!path) return;
    const source = escapeTemplateLookalikes(header + body);
    files.push({ path, contents: format ? formatTypeScript(source, path, config) : source });
  };
  if (options.outputs.types) add(options.outputs.types, await emitTypes(options.spec, model), false);
  add(options.outputs.operations, emitOperations(model, options), true);
  if (options.outputs.operations)
    add(
      options.outputs.publicOperations,
      emitPublicOperations(model, `./${basename(options.outputs.operations).replace(/\.ts$/, ".js")}`),
      true,
    );
  add(options.outputs.servers, emitServers(model), true);
  add(options.outputs.document, emitDocument(options.spec, mockHandlersOf(model, options.overrides)), false);
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
