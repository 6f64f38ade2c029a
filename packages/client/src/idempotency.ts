// Whether repeating a call cannot apply a change twice. The per-operation knowledge (rules for POSTs)
// comes from the codegen's overrides file through the descriptor; here it is only applied.

import type { OperationDescriptor } from "./operation.js";

const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"]);

/**
 * `jsonText` is the body exactly as it was sent, so a caller changing its object while the call is in
 * flight cannot change the verdict.
 */
export function isIdempotentCall(operation: OperationDescriptor, jsonText: string | undefined): boolean {
  const rule = operation.idempotent;
  if (typeof rule === "boolean") return rule;
  if (rule === undefined) return IDEMPOTENT_METHODS.has(operation.method);
  if (jsonText === undefined) return false;
  const items = (JSON.parse(jsonText) as Record<string, unknown> | null)?.[rule.every];
  return (
    Array.isArray(items) &&
    items.every((item) => {
      const value = (item as Record<string, unknown> | null)?.[rule.has];
      return value !== undefined && value !== null && value !== "";
    })
  );
}
