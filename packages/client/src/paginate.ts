import { AngoInvalidRequestError, AngoPaginationError } from "./errors.js";
import type { OperationDescriptor, OperationRequest, OperationRunner, PageOptions } from "./operation.js";

/** Pages an iterator fetches at most unless `maxPages` says otherwise (100,000 items at 100 a page). */
export const DEFAULT_MAX_PAGES = 1_000;

function countOption(operation: OperationDescriptor, name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (value !== Number.POSITIVE_INFINITY && !(Number.isInteger(value) && (value as number) >= 1))
    throw new AngoInvalidRequestError(
      `${operation.operationId}: ${name} must be a whole number from 1 (or Infinity), got ${String(value)}.`,
    );
  return value as number;
}

/**
 * Walks a list operation that follows Ango's convention (`page` from 1, `limit` up to the spec's
 * maximum, answer `{ data: { <items>: [...], total } }`), one call per page, yielding every item. Each
 * page is an ordinary call: timeouts, retries and rate-limit waits apply as they do to any call.
 *
 * It stops after `total` items (when `total` is a number), on a short or empty page, or at `maxItems` /
 * `maxPages`. A server that does not keep the convention cannot keep it walking: a page that is not a
 * list, that holds more items than `limit`, or that repeats the page before throws AngoPaginationError,
 * and so does reaching DEFAULT_MAX_PAGES while pages remain.
 */
export async function* paginate<T>(
  runner: OperationRunner,
  operation: OperationDescriptor,
  request: OperationRequest,
  options: PageOptions = {},
): AsyncGenerator<T, void, undefined> {
  const pagination = operation.pagination;
  if (pagination === undefined)
    throw new AngoInvalidRequestError(`${operation.operationId} is not a paginated list operation.`);
  const { maxPages, maxItems, ...callOptions } = options;
  const pageLimit = countOption(operation, "maxPages", maxPages);
  const itemLimit = countOption(operation, "maxItems", maxItems);
  const query = request.query ?? {};
  const limit = query.limit ?? pagination.pageSize;
  const firstPage = query.page ?? 1;
  if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > pagination.pageSize)
    throw new AngoInvalidRequestError(
      `${operation.operationId}: limit must be a whole number from 1 to ${pagination.pageSize}.`,
    );
  if (!Number.isInteger(firstPage) || (firstPage as number) < 1)
    throw new AngoInvalidRequestError(`${operation.operationId}: page starts at 1.`);
  const fail = (page: number, what: string) =>
    new AngoPaginationError(`${operation.operationId}: page ${page} ${what}.`, {
      operationId: operation.operationId,
      page,
    });

  let yielded = 0;
  let previous: string | undefined;
  for (let page = firstPage as number; ; page++) {
    if (page - (firstPage as number) === (pageLimit ?? DEFAULT_MAX_PAGES)) {
      if (pageLimit !== undefined) return;
      throw fail(
        page,
        `was not fetched: the list is longer than ${DEFAULT_MAX_PAGES} pages (DEFAULT_MAX_PAGES); pass maxPages to walk further, or narrow the list`,
      );
    }
    const result = await runner.call<{ data?: Record<string, unknown> }>(
      operation,
      { ...request, query: { ...query, page, limit } },
      callOptions,
    );
    const data = result?.data;
    // An own field only: an items field named `constructor` must not read Object.prototype's.
    const items =
      typeof data === "object" && data !== null && Object.hasOwn(data, pagination.items)
        ? data[pagination.items]
        : undefined;
    if (items !== undefined && !Array.isArray(items))
      throw fail(
        page,
        `answered data.${pagination.items} as ${items === null ? "null" : typeof items}, not a list`,
      );
    const list = (items ?? []) as T[];
    if (list.length > (limit as number))
      throw fail(
        page,
        `answered ${list.length} items for a limit of ${limit}: the server does not page this list`,
      );
    const text = list.length > 0 ? JSON.stringify(list) : undefined;
    if (text !== undefined && text === previous)
      throw fail(page, "repeats the page before it: the server ignores the page number");
    previous = text;
    for (const item of list) {
      yield item;
      if (++yielded === itemLimit) return;
    }
    const total = data?.total;
    const pastTotal =
      typeof total === "number" && Number.isFinite(total) && page * (limit as number) >= total;
    if (list.length < (limit as number) || pastTotal) return;
  }
}
