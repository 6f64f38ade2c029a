import { OpenAPIBackend, type Operation } from "openapi-backend";
import { describe, expect, test } from "vitest";
import { OperationRoutes } from "../src/routes.js";

const get = (operationId: string) => ({ get: { operationId, responses: { 200: { description: "ok" } } } });
const document = {
  openapi: "3.0.3",
  info: { title: "routes", version: "1" },
  paths: {
    "/items/{id}": get("getItem"),
    "/items/latest": get("getLatest"),
    "/items/{id}/parts/{part}": get("getPart"),
    "/{a}/{b}/{c}": get("anyThree"),
    "/files/{name}\\.json": get("getJson"),
    "//openapi": get("doubleSlash"),
    "/only-post": { post: { operationId: "create", responses: { 201: { description: "made" } } } },
  },
};

async function routers() {
  const api = new OpenAPIBackend({
    definition: structuredClone(document) as never,
    quick: true,
    apiRoot: "/",
  });
  await api.init();
  return { api, routes: new OperationRoutes(api.router.getOperations()) };
}

const idOf = (route: ReturnType<OperationRoutes["match"]>) =>
  "operation" in route ? route.operation.operationId : route.status;

describe("the mock's route table decides as openapi-backend's router does", () => {
  test.each([
    ["get", "/items/latest", "getLatest"],
    ["get", "/items/42", "getItem"],
    ["get", "/items/42/parts/7", "getPart"],
    ["get", "/x/y/z", "anyThree"],
    ["get", "/files/report.json", "getJson"],
    ["get", "/files/report-json", 404],
    ["get", "/only-post", 405],
    ["post", "/only-post", "create"],
    ["get", "/nowhere", 404],
    ["GET", "/items/latest?x=1", "getLatest"],
  ] as const)("%s %s -> %s", async (method, path, expected) => {
    const { api, routes } = await routers();
    expect(idOf(routes.match(method, path))).toBe(expected);
    // The same answer as the router it stands in for (which throws for 404 and 405 in strict mode).
    const theirs = (() => {
      try {
        return (api.router.matchOperation({ method, path, headers: {} }, true) as Operation).operationId;
      } catch (error) {
        return Number((error as Error).message.slice(0, 3));
      }
    })();
    expect(theirs).toBe(expected);
  });

  test("a template that begins with a doubled slash is matched as sent (the router took `//` as `/`)", async () => {
    const { routes } = await routers();
    expect(idOf(routes.match("get", "//openapi"))).toBe("doubleSlash");
    expect(idOf(routes.match("get", "/openapi"))).toBe(404);
  });

  test("a template that is no pattern matches only its own text", () => {
    const broken = new OperationRoutes([{ path: "/a/(", method: "get", operationId: "x" } as Operation]);
    expect(idOf(broken.match("get", "/a/("))).toBe("x");
    expect(idOf(broken.match("get", "/a/b"))).toBe(404);
  });
});
