import { type Document, OpenAPIRouter } from "openapi-backend";
import { expect, test, vi } from "vitest";
import { IndexedRouter } from "../src/indexed-router.js";

const definition = {
  openapi: "3.0.3",
  info: { title: "t", version: "1" },
  paths: {
    "/a": {
      parameters: [{ name: "x", in: "query", schema: { type: "string" } }],
      get: { operationId: "getA", responses: {} },
      post: { operationId: "same", responses: {} },
    },
    "/b/{id}": { get: { operationId: "same", responses: {} }, delete: { responses: {} } },
  },
} as unknown as Document;

test("the same operations and lookups as openapi-backend's router, the first of a repeated operationId included", () => {
  const plain = new OpenAPIRouter({ definition });
  const indexed = new IndexedRouter({ definition });
  expect(indexed.getOperations()).toEqual(plain.getOperations());
  for (const id of ["getA", "same", "none"]) expect(indexed.getOperation(id)).toEqual(plain.getOperation(id));
  expect(indexed.getOperation("same")?.path).toBe("/a");
  expect(indexed.matchOperation({ method: "get", path: "/b/7", headers: {} })?.operationId).toBe("same");
});

test("the list of operations is built once, however many lookups follow", () => {
  const built = vi.spyOn(OpenAPIRouter.prototype, "getOperations");
  try {
    const indexed = new IndexedRouter({ definition });
    for (let i = 0; i < 5; i++) indexed.getOperation(i % 2 ? "getA" : "same");
    indexed.matchOperation({ method: "get", path: "/a", headers: {} });
    expect(built).toHaveBeenCalledTimes(1);
  } finally {
    built.mockRestore();
  }
});
