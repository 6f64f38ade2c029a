import { AngoInvalidRequestError } from "./errors.js";
import type { CallOptions, OperationDescriptor, OperationRequest, OperationRunner } from "./operation.js";

/** Ango's largest page. */
const MAX_LIMIT = 100;

/**
 * Walks a list operation that follows Ango's convention (`page` from 1, `limit` up to 100, answer
 * `{ data: { <items>: [...], total } }`), one call per page, yielding every item. Stops after `total`
 * items, on a short page or on an empty one. Each page is an ordinary call: timeouts, retries and
 * rate-limit waits apply as they do to any call.
 */
export async function* paginate<T>(
  runner: OperationRunner,
  operation: OperationDescriptor,
  request: OperationRequest,
  options?: CallOptions,
): AsyncGenerator<T, void, undefined> {
  const itemsKey = operation.pagination?.items;
  if (itemsKey === undefined)
    throw new AngoInvalidRequestError(`${operation.operationId} is not a paginated list operation.`);
  const query = request.query ?? {};
  const limit = query.limit ?? MAX_LIMIT;
  let page = query.page ?? 1;
  if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_LIMIT)
    throw new AngoInvalidRequestError(
      `${operation.operationId}: limit must be a whole number from 1 to ${MAX_LIMIT}.`,
    );
  if (!Number.isInteger(page) || (page as number) < 1)
    throw new AngoInvalidRequestError(`${operation.operationId}: page starts at 1.`);
  for (;;) {
    const result = await runner.call<{ data?: Record<string, unknown> }>(
      operation,
      { ...request, query: { ...query, page, limit } },
      options,
    );
    const items = (result?.data?.[itemsKey] ?? []) as T[];
    const total = result?.data?.total;
    yield* items;
    if (
      items.length < (limit as number) ||
      (typeof total === "number" && (page as number) * (limit as number) >= total)
    )
      return;
    page = (page as number) + 1;
  }
}
