// Operation-specific knowledge the spec cannot express: when is repeating a POST harmless?

import type { HttpMethod } from "./operation.js";

const IDEMPOTENT_METHODS = new Set<HttpMethod>(["get", "head", "put", "delete", "options", "trace"]);

type BodyRule = (body: unknown) => boolean;

/**
 * `updateProjectBatches` sets the project's batch definitions: when every batch names its `_id`, sending
 * the same body twice leaves the same result; a batch without `_id` gets a new id each time, so it is not.
 */
const BODY_RULES: Record<string, BodyRule> = {
  updateProjectBatches: (body) => {
    const batches = (body as { batches?: unknown } | undefined)?.batches;
    return (
      Array.isArray(batches) &&
      batches.every(
        (batch) =>
          typeof (batch as { _id?: unknown })?._id === "string" && (batch as { _id: string })._id !== "",
      )
    );
  },
};

export function isIdempotentCall(operationId: string, method: HttpMethod, body: unknown): boolean {
  if (IDEMPOTENT_METHODS.has(method)) return true;
  return BODY_RULES[operationId]?.(body) ?? false;
}
