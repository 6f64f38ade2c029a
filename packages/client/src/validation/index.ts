// Response validation, loaded by the runtime only when a call has it on: a client with
// `validateResponses: "off"` never loads this module or any operation's plan.
import type { OperationDescriptor } from "../operation.js";
import { scrubKey } from "../redact.js";
import { type CheckedResponse, checkResponse } from "./check.js";
import type { DriftEvent } from "./drift.js";

export { DriftRecorder, describeDrift } from "./drift.js";

/** The response's drift events against the operation's generated plan (none when it has no plan). */
export async function driftEvents(
  operation: OperationDescriptor,
  response: CheckedResponse,
  key: string,
): Promise<DriftEvent[]> {
  if (!operation.responses) return [];
  const { findings } = checkResponse(await operation.responses(), response);
  const { operationId, method, path } = operation;
  // A pointer names the body's own keys, and a server could echo the key as one.
  return findings.map((finding) => ({
    operationId,
    method,
    path,
    status: response.status,
    ...finding,
    pointer: scrubKey(finding.pointer, key),
    location: scrubKey(finding.location, key),
  }));
}
