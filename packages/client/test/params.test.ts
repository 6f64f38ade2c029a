// Parameter serialisation against the style examples of the OpenAPI 3.0 specification
// (color = "blue", ["blue", "black", "brown"], { R: 100, G: 200, B: 150 }).
import { describe, expect, test } from "vitest";
import type { OperationDescriptor, ParameterDescriptor } from "../src/operation.js";
import { styledParams } from "../src/params.js";

const primitive = "blue";
const array = ["blue", "black", "brown"];
const object = { R: 100, G: 200, B: 150 };

/** The `color` parameter (`X-Color` as a header) in one location, serialised for `value`. */
function serialised(
  location: "path" | "query" | "header",
  param: Omit<ParameterDescriptor, "name" | "in">,
  value: unknown,
) {
  const name = location === "header" ? "X-Color" : "color";
  const operation = {
    operationId: "styles",
    method: "GET",
    path: location === "path" ? "/x/{color}" : "/x",
    params: [{ name, in: location, ...param }],
    response: "none",
  } as OperationDescriptor;
  const where = { path: "path", query: "query", header: "headers" } as const;
  return styledParams(operation, { [where[location]]: { [name]: value } });
}

const pathFor = (param: Omit<ParameterDescriptor, "name" | "in">, value: unknown) =>
  serialised("path", param, value).target.slice(3);
const queryFor = (param: Omit<ParameterDescriptor, "name" | "in">, value: unknown) =>
  decodeURIComponent(serialised("query", param, value).target.replace(/^\/x\??/, ""));
const headerFor = (param: Omit<ParameterDescriptor, "name" | "in">, value: unknown) =>
  serialised("header", param, value).headers["x-color"];

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

describe("header parameters (the simple style)", () => {
  test.each([
    [{}, ["blue", "blue,black,brown", "R,100,G,200,B,150"]],
    [{ explode: true }, ["blue", "blue,black,brown", "R=100,G=200,B=150"]],
  ] as const)("%j", (param, expected) => {
    expect([headerFor(param, primitive), headerFor(param, array), headerFor(param, object)]).toEqual(
      expected,
    );
  });

  test("an object's absent fields are left out whole, not as a name without its value", () => {
    expect(headerFor({}, { R: 100, G: undefined, B: null, A: 1 })).toBe("R,100,A,1");
  });
});

test("a parameter of a JSON media type (`content`) is sent as its JSON text, in every location", () => {
  const json = { json: true } as const;
  expect(headerFor(json, object)).toBe('{"R":100,"G":200,"B":150}');
  expect(queryFor(json, object)).toBe('color={"R":100,"G":200,"B":150}');
  expect(queryFor(json, primitive)).toBe('color="blue"');
  expect(decodeURIComponent(pathFor(json, array))).toBe('["blue","black","brown"]');
});

test("a path parameter that would serialise to an empty segment is refused", () => {
  expect(() => pathFor({}, [])).toThrow(/path parameter "color" is empty/);
});
