// The frozen seed document's commands and descriptors (test/generated, SEED_TARGETS of the codegen), as
// a catalog for runCli: the CLI's rules are tested on the seed's one operation, `update-project-batches`,
// so they hold whatever document spec/ holds.
import type { OperationDescriptor } from "@ango-hub/client/contract";
import type { Catalog } from "../../src/main.js";
import { api, commands } from "../generated/commands.js";
import { operationDescriptors } from "../generated/operations.js";
import { apiAccess } from "../generated/servers.js";

export const seedCatalog: Catalog = {
  api,
  commands,
  descriptors: operationDescriptors as Record<string, OperationDescriptor>,
  // The seed's servers and key header, so the commands run as the seed's client would.
  access: apiAccess,
};
