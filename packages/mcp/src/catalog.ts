// The tools a server offers and what they call: the spec's (generated), or another document's for tests.
// Apart from the server so that `ango-mcp --help` and `--list-tools` load no MCP SDK.
import {
  type ApiAccess,
  type OperationDescriptor,
  operationDescriptors,
  specAccess,
} from "@ango-hub/client/contract";
import { type ResponseValidator, responseValidation } from "@ango-hub/client/validation";
import { api, tools } from "./generated/tools.js";
import type { ToolSpec } from "./tool-spec.js";

/** What the tools are: generated from the spec (the default), or another document's (tests). */
export interface Catalog {
  api: { title: string; version: string };
  tools: readonly ToolSpec[];
  /** Each operation's descriptor, by the operation's generated name. */
  descriptors: Record<string, OperationDescriptor>;
  /** The document's servers and where its key goes. */
  access: ApiAccess;
  /** The response checker over the document's plans; none: validation cannot be turned on. */
  responseValidation?: ResponseValidator | undefined;
}

export const SPEC_CATALOG: Catalog = {
  api,
  tools,
  descriptors: operationDescriptors as Record<string, OperationDescriptor>,
  access: specAccess,
  responseValidation,
};
