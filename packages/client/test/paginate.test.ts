// The page iterator's rules, on a runner that answers from a list in memory: no HTTP, no generated code.

import { angoPageShape } from "@ango-hub/test-support/page-shape";
import { describe, expect, test } from "vitest";
import {
  AngoInvalidRequestError,
  AngoPaginationError,
  AngoPromise,
  DEFAULT_MAX_PAGES,
} from "../src/index.js";
import type { OperationDescriptor, OperationRequest, OperationRunner } from "../src/operation.js";
import { paginate } from "../src/paginate.js";

const listThings: OperationDescriptor = {
  operationId: "listThings",
  method: "GET",
  path: "/things",
  params: [],
  response: "json",
  pagination: angoPageShape("things", 3),
};

/** A runner serving `items` by page/limit as Ango does, recording each query; `answer` may bend a page. */
function listRunner(items: number[], answer?: (page: number, data: Record<string, unknown>) => unknown) {
  const queries: Record<string, unknown>[] = [];
  const runner: OperationRunner = {
    call<T>(_operation: OperationDescriptor, request: OperationRequest) {
      const query = request.query ?? {};
      queries.push(query);
      const page = query.page as number;
      const limit = query.limit as number;
      const data = { things: items.slice((page - 1) * limit, page * limit), total: items.length };
      const body = answer ? answer(page, data) : { status: "success", data };
      const response = new Response(null, { status: 200 });
      return new AngoPromise(Promise.resolve({ data: body as T, response }), (d) => ({
        data: d,
        status: 200,
        headers: new Headers(),
        url: "",
        requestId: undefined,
        response,
      }));
    },
  };
  return { runner, queries };
}

const all = async <T>(iterable: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
};
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("paginate", () => {
  test("walks every page with the spec's page size and stops at the total", async () => {
    const { runner, queries } = listRunner(range(7));
    expect(await all(paginate(runner, listThings, {}))).toEqual(range(7));
    expect(queries).toEqual([
      { page: 1, limit: 3 },
      { page: 2, limit: 3 },
      { page: 3, limit: 3 },
    ]);
  });

  test("a full last page ends the walk by the total, without asking for an empty page", async () => {
    const { runner, queries } = listRunner(range(6));
    expect(await all(paginate(runner, listThings, {}))).toHaveLength(6);
    expect(queries).toHaveLength(2);
  });

  test("starts at the input's page and keeps its other query parameters", async () => {
    const { runner, queries } = listRunner(range(7));
    const request = { query: { page: 2, limit: 2, sort: "-createdAt" } };
    expect(await all(paginate(runner, listThings, request))).toEqual([3, 4, 5, 6, 7]);
    expect(queries[0]).toEqual({ page: 2, limit: 2, sort: "-createdAt" });
  });

  test("maxItems and maxPages end the walk quietly", async () => {
    expect(await all(paginate(listRunner(range(9)).runner, listThings, {}, { maxItems: 4 }))).toEqual(
      range(4),
    );
    expect(await all(paginate(listRunner(range(9)).runner, listThings, {}, { maxPages: 2 }))).toEqual(
      range(6),
    );
  });

  test("a list longer than DEFAULT_MAX_PAGES throws on the page it would not fetch", async () => {
    const endless = listRunner([], (page) => ({ data: { things: [page, page, page], total: 1e9 } }));
    const error = await all(paginate<number>(endless.runner, listThings, {})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AngoPaginationError);
    expect(error).toMatchObject({ operationId: "listThings", page: DEFAULT_MAX_PAGES + 1 });
    expect(endless.queries).toHaveLength(DEFAULT_MAX_PAGES);
  });

  test.each([
    [
      "a page that is not a list",
      () => ({ data: { things: "x" } }),
      /answered data.things as string, not a list/,
    ],
    [
      "more items than the limit",
      () => ({ data: { things: [1, 2, 3, 4] } }),
      /answered 4 items for a limit of 3/,
    ],
    ["the same page again", () => ({ data: { things: [1, 2, 3] } }), /repeats the page before it/],
  ])(
    "a server that breaks the convention (%s) ends the walk with AngoPaginationError",
    async (_what, answer, message) => {
      const { runner } = listRunner(range(10), answer);
      await expect(all(paginate(runner, listThings, {}))).rejects.toThrow(message);
    },
  );

  test("an answer without data, or without the list, is an empty last page", async () => {
    expect(
      await all(paginate(listRunner(range(5), () => ({ status: "success" })).runner, listThings, {})),
    ).toEqual([]);
  });

  test.each([
    [{ query: { limit: 4 } }, {}, /limit must be a whole number from 1 to 3/],
    [{ query: { limit: 0 } }, {}, /limit must be a whole number from 1 to 3/],
    [{ query: { page: 0 } }, {}, /page starts at 1/],
    [{}, { maxPages: 0 }, /maxPages must be a whole number from 1/],
    [{}, { maxItems: 1.5 }, /maxItems must be a whole number from 1/],
  ])("bad input %j %j is refused before any call", async (request, options, message) => {
    const { runner, queries } = listRunner(range(5));
    const error = await all(paginate(runner, listThings, request, options)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AngoInvalidRequestError);
    expect((error as Error).message).toMatch(message);
    expect(queries).toEqual([]);
  });

  test("an operation that is not a list is refused", async () => {
    const { pagination: _none, ...notAList } = listThings;
    await expect(all(paginate(listRunner([]).runner, notAList, {}))).rejects.toThrow(
      "listThings is not a paginated list operation.",
    );
  });
});
