// What generated code imports from the runtime, in one module: the codegen writes imports of this file
// alone (`<runtimeDir>/contract.js`, or `@ango-hub/client/contract`, which re-exports it), so the
// runtime's own files can move or split without a change to the codegen. The descriptor types, the
// encoders and serialisers a descriptor names, the page iterator, and the response plan's types.
export { binaryBody, formBody, jsonBody, multipartBody, textBody } from "./encoders.js";
export type {
  AngoPromise,
  CallOptions,
  OperationDescriptor,
  OperationRunner,
  PageOptions,
} from "./operation.js";
export { paginate } from "./paginate.js";
export { styledParams } from "./params.js";
export type { ResponsePlan, ShapeNode } from "./validation/plan.js";
