// The frozen seed document's tools and descriptors (test/generated, SEED_TARGETS of the codegen), as a
// catalog for createAngoMcpServer: the server's rules are tested on the seed's one operation,
// `update_project_batches`, so they hold whatever document spec/ holds.
import type { OperationDescriptor } from "@ango-hub/client/contract";
import type { Catalog } from "../../src/server.js";
import { operationDescriptors } from "../generated/operations.js";
import { apiAccess } from "../generated/servers.js";
import { api, tools } from "../generated/tools.js";

export const seedCatalog: Catalog = {
  api,
  tools,
  descriptors: operationDescriptors as Record<string, OperationDescriptor>,
  access: apiAccess,
};
