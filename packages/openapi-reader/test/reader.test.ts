import { readmeBlock, runInPackage } from "@ango-hub/test-support/readme-example";
import { describe, expect, test } from "vitest";
import {
  MAX_REFERENCE_CHAIN,
  operationName,
  operationNames,
  parametersOf,
  pointerTarget,
  resolveLocalRef,
} from "../src/index.js";

// biome-ignore lint/suspicious/noExplicitAny: documents built inline, read without a schema
const doc = (paths: Record<string, any>, components: object = {}) => ({
  openapi: "3.0.3",
  info: { title: "t", version: "1" },
  paths,
  components,
});
const ok = { responses: { "200": { description: "ok" } } };

describe("references", () => {
  test("follow own keys only: a pointer through __proto__ or constructor finds nothing", () => {
    const document = { components: { schemas: { A: { type: "string" } } } };
    expect(pointerTarget(document, "#/components/schemas/A")).toEqual({ type: "string" });
    expect(pointerTarget(document, "#/__proto__/toString")).toBeUndefined();
    expect(pointerTarget(document, "#/components/constructor")).toBeUndefined();
    expect(pointerTarget(document, "https://example.com/x.json#/a")).toBeUndefined();
  });

  test("a chain of references is followed to its end, a cycle of them gives up", () => {
    const document = {
      components: { schemas: { A: { $ref: "#/components/schemas/B" }, B: { type: "integer" } } },
    };
    expect(resolveLocalRef(document, { $ref: "#/components/schemas/A" })).toEqual({ type: "integer" });
    const cycle = { a: { $ref: "#/b" }, b: { $ref: "#/a" } };
    expect(resolveLocalRef(cycle, { $ref: "#/a" })).toBeUndefined();
    expect(MAX_REFERENCE_CHAIN).toBeGreaterThan(1);
  });
});

describe("operations", () => {
  test("parameters: the path item's first, references resolved, ignored headers left out", () => {
    const document = doc(
      {
        "/x": {
          parameters: [{ $ref: "#/components/parameters/Page" }],
          get: {
            ...ok,
            parameters: [
              { name: "Accept", in: "header" },
              { name: "Content-Length", in: "header", required: true },
              { name: "q", in: "query" },
            ],
          },
        },
      },
      { parameters: { Page: { name: "page", in: "query" } } },
    );
    const item = document.paths["/x"];
    expect(parametersOf(document, item, item.get).map((p) => p.name)).toEqual(["page", "q"]);
  });

  test("an operation's parameter overrides its path item's of the same name and location", () => {
    const document = doc({
      "/creators/{id}": {
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "integer" } },
          { name: "id", in: "query", schema: { type: "integer" } },
        ],
        get: { ...ok, parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }] },
      },
    });
    const item = document.paths["/creators/{id}"];
    expect(parametersOf(document, item, item.get).map((p) => [p.in, p.schema.type])).toEqual([
      ["query", "integer"],
      ["path", "string"],
    ]);
  });
});

describe("names", () => {
  test("an identifier operationId as it is; otherwise derived; reserved words avoided", () => {
    expect(operationName("listPets", "get", "/pets")).toBe("listPets");
    expect(operationName("list-pets", "get", "/pets")).toBe("listPets");
    expect(operationName(undefined, "get", "/pets/{petId}")).toBe("getPetsByPetId");
    expect(operationName("delete", "delete", "/pets")).toBe("deleteDelete");
    expect(operationName("then", "get", "/x")).toBe("getThen");
  });

  test("two operations that would share a name: the later (by path) gets the lowest free suffix", () => {
    const names = operationNames(
      doc({ "/a": { get: { ...ok, operationId: "same" } }, "/b": { get: { ...ok, operationId: "same" } } }),
    );
    expect(Object.fromEntries(names)).toEqual({ "GET /a": "same", "GET /b": "same2" });
  });
});

test("the README example prints what it says", async () => {
  const packageDir = new URL("../", import.meta.url);
  const stdout = await runInPackage(packageDir, await readmeBlock(packageDir, "ts"), ".ts");
  expect(stdout.trim().split("\n")).toEqual(["getPetsByPetId", "deleteDelete", "petId"]);
});
