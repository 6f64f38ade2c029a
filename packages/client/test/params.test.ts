// Parameter serialisation against the style examples of the OpenAPI 3.0 specification
// (color = "blue", ["blue", "black", "brown"], { R: 100, G: 200, B: 150 }).
import { describe, expect, test } from "vitest";
import type { OperationDescriptor, ParameterDescriptor } from "../src/operation.js";
import { styledParams } from "../src/params.js";

const primitive = "blue";
const array = ["blue", "black", "brown"];
const object = { R: 100, G: 200, B: 150 };

function pathFor(param: Omit<ParameterDescriptor, "name" | "in">, value: unknown): string {
  const operation = {
    operationId: "styles",
    method: "GET",
    path: "/x/{color}",
    params: [{ name: "color", in: "path", ...param }],
    response: "none",
  } as OperationDescriptor;
  return styledParams(operation, { path: { color: value } }).target.slice(3);
}

function queryFor(param: Omit<ParameterDescriptor, "name" | "in">, value: unknown): string {
  const operation = {
    operationId: "styles",
    method: "GET",
    path: "/x",
    params: [{ name: "color", in: "query", ...param }],
    response: "none",
  } as OperationDescriptor;
  return decodeURIComponent(
    styledParams(operation, { query: { color: value } }).target.replace(/^\/x\??/, ""),
  );
}

describe("path parameters", () => {
  test.each([
    [{}, ["blue", "blue,black,brown", "R,100,G,200,B,150"]],
    [{ explode: true }, ["blue", "blue,black,brown", "R=100,G=200,B=150"]],
    [{ style: "label" }, [".blue", ".blue,black,brown", ".R,100,G,200,B,150"]],
    [{ style: "label", explode: true }, [".blue", ".blue.black.brown", ".R=100.G=200.B=150"]],
    [{ style: "matrix" }, [";color=blue", ";color=blue,black,brown", ";color=R,100,G,200,B,150"]],
    [
      { style: "matrix", explode: true },
      [";color=blue", ";color=blue;color=black;color=brown", ";R=100;G=200;B=150"],
    ],
  ] as const)("%j", (param, expected) => {
    expect([pathFor(param, primitive), pathFor(param, array), pathFor(param, object)]).toEqual(expected);
  });
});

describe("query parameters", () => {
  test.each([
    [{}, ["color=blue", "color=blue&color=black&color=brown", "R=100&G=200&B=150"]],
    [{ explode: false }, ["color=blue", "color=blue,black,brown", "color=R,100,G,200,B,150"]],
    [{ style: "spaceDelimited", explode: false }, ["color=blue", "color=blue black brown", undefined]],
    [{ style: "pipeDelimited", explode: false }, ["color=blue", "color=blue|black|brown", undefined]],
    [
      { style: "deepObject", explode: true },
      ["color=blue", undefined, "color[R]=100&color[G]=200&color[B]=150"],
    ],
  ] as const)("%j", (param, [p, a, o]) => {
    expect(queryFor(param, primitive)).toBe(p);
    if (a !== undefined) expect(queryFor(param, array)).toBe(a);
    if (o !== undefined) expect(queryFor(param, object)).toBe(o);
  });
});

test("a path parameter that would serialise to an empty segment is refused", () => {
  expect(() => pathFor({}, [])).toThrow(/path parameter "color" is empty/);
});
