import { AngoInvalidRequestError, AngoPaginationError } from "./errors.js";
import type {
  OperationDescriptor,
  OperationRequest,
  OperationRunner,
  PageOptions,
  PageShape,
} from "./operation.js";
import { valueAt } from "./value-at.js";

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
 * Walks a list operation by its page shape (Ango's: `page` from 1, `limit` up to the spec's maximum,
 * answer `{ data: { <items>: [...], total } }`), one call per page, yielding every item. Each page is an
 * ordinary call: timeouts, retries and rate-limit waits apply as they do to any call.
 *
 * It stops after the total count (when the answer has one), on a short or empty page, or at `maxItems` /
 * `maxPages`. A server that does not keep the shape cannot keep it walking: a page that is not a list,
 * that holds more items than the page size, or that repeats the page before throws AngoPaginationError,
 * and so does reaching DEFAULT_MAX_PAGES while pages remain.
 */
export async function* paginate<T>(
  runner: OperationRunner,
  operation: OperationDescriptor,
  request: OperationRequest,
  options: PageOptions = {},
): AsyncGenerator<T, void, undefined> {
  const shape: PageShape | undefined = operation.pagination;
  if (shape === undefined)
    throw new AngoInvalidRequestError(`${operation.operationId} is not a paginated list operation.`);
  const { maxPages, maxItems, ...callOptions } = options;
  const pageLimit = countOption(operation, "maxPages", maxPages);
  const itemLimit = countOption(operation, "maxItems", maxItems);
  const { pageParam, limitParam, firstPage: first, pageSize } = shape;
  const query = request.query ?? {};
  const limit = query[limitParam] ?? pageSize;
  const firstPage = query[pageParam] ?? first;
  if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > pageSize)
    throw new AngoInvalidRequestError(
      `${operation.operationId}: ${limitParam} must be a whole number from 1 to ${pageSize}.`,
    );
  if (!Number.isInteger(firstPage) || (firstPage as number) < first)
    throw new AngoInvalidRequestError(`${operation.operationId}: ${pageParam} starts at ${first}.`);
  const fail = (page: number, what: string) =>
    new AngoPaginationError(`${operation.operationId}: page ${page} ${what}.`, {
      operationId: operation.operationId,
      page,
    });
  const itemsAt = shape.items.join(".");

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
    const result = await runner.call<unknown>(
      operation,
      { ...request, query: { ...query, [pageParam]: page, [limitParam]: limit } },
      callOptions,
    );
    const items = valueAt(result, shape.items);
    if (items !== undefined && !Array.isArray(items))
      throw fail(page, `answered ${itemsAt} as ${items === null ? "null" : typeof items}, not a list`);
    const list = (items ?? []) as T[];
    if (list.length > (limit as number))
      throw fail(
        page,
        `answered ${list.length} items for a ${limitParam} of ${limit}: the server does not page this list`,
      );
    const text = list.length > 0 ? JSON.stringify(list) : undefined;
    if (text !== undefined && text === previous)
      throw fail(page, `repeats the page before it: the server ignores the ${pageParam} number`);
    previous = text;
    for (const item of list) {
      yield item;
      if (++yielded === itemLimit) return;
    }
    const total = valueAt(result, shape.total);
    const pastTotal =
      typeof total === "number" && Number.isFinite(total) && (page - first + 1) * (limit as number) >= total;
    if (list.length < (limit as number) || pastTotal) return;
  }
}
