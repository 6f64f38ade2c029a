// Operation ids that differ only in case or separators, and ids with no letter or digit, through every
// output generated from a name: the client's functions and types, the CLI's commands and flags, and the
// names the mock and the tests use. One rule settles every clash; no operation is dropped or replaced.
import { operationNames } from "@ango-hub/openapi-reader";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { commandsOf, generateWithNotices, kebabCase, readApiModel } from "../src/index.js";

const ok = { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } };
const idParameter = [{ name: "item_id", in: "path", required: true, schema: { type: "string" } }];
const clashing = {
  openapi: "3.0.3",
  info: { title: "clashes", version: "1" },
  servers: [{ url: "https://api.example.test/v1" }],
  components: { securitySchemes: { key: { type: "apiKey", in: "header", name: "apikey" } } },
  security: [{ key: [] }],
  paths: {
    "/items/{item_id}": {
      parameters: idParameter,
      get: { operationId: "getItem", responses: ok },
      delete: { operationId: "get_item", responses: ok },
      put: { operationId: "GET-ITEM", responses: ok },
    },
    "/a": { get: { operationId: "_", responses: ok } },
    "/b": { post: { operationId: "$", responses: ok } },
    "/flags": {
      get: {
        operationId: "flags",
        parameters: [
          { name: "no-x", in: "query", schema: { type: "string" } },
          { name: "x", in: "query", schema: { type: "boolean" } },
          { name: "y", in: "query", schema: { type: "boolean" } },
          { name: "no_y", in: "query", schema: { type: "string" } },
        ],
        responses: ok,
      },
    },
  },
};
const OPERATIONS = 6;

describe("one clash rule in every output", () => {
  test("every operation keeps its own function, type names and command; none is empty", async () => {
    const { files, notices } = await generateWithNotices({
      spec: clashing,
      specLabel: "clashes.json",
      outputs: { operations: "operations.ts", commands: "commands.ts" },
      typesModule: "./types.js",
      runtimeDir: ".",
    });
    const model = readApiModel(clashing);
    const names = model.operations.map((op) => op.name);
    expect(new Set(names).size).toBe(OPERATIONS);
    // Case and separators fold in kebab-case, so the claims of each name are distinct there too.
    expect(new Set(names.map(kebabCase)).size).toBe(OPERATIONS);
    expect(names.every((name) => kebabCase(name) !== "")).toBe(true);

    const commands = commandsOf(model);
    const byCommand = new Map(commands.map((c) => [c.command, `${c.method} ${c.path}`]));
    expect(byCommand.size).toBe(OPERATIONS);
    expect([...byCommand.values()].sort()).toEqual(
      model.operations.map((op) => `${op.method.toUpperCase()} ${op.path}`).sort(),
    );
    expect(commands.every((c) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(c.command))).toBe(true);

    // The generated module declares one function per operation, under the same names.
    const source = files.find((f) => f.path === "operations.ts")?.contents ?? "";
    const parsed = ts.createSourceFile("operations.ts", source, ts.ScriptTarget.Latest);
    const functions = parsed.statements.filter(ts.isFunctionDeclaration).map((f) => f.name?.text);
    for (const name of names) expect(functions).toContain(name);

    // The mock and the tests name each operation as the codegen does.
    const readerNames = operationNames(clashing);
    for (const op of model.operations)
      expect(readerNames.get(`${op.method.toUpperCase()} ${op.path}`)).toBe(op.name);

    // Each settled clash and each unusable id is said, naming where.
    const said = notices.map((n) => `${n.where}: ${n.message}`).join("\n");
    expect(said.match(/the name "[^"]+" is taken by another operation; generated as "[^"]+"/g)).toHaveLength(
      1,
    );
    expect(said).toMatch(/GET \/a: operationId "_" is not usable as a name/);
    expect(said).toMatch(/POST \/b: operationId "\$" is not usable as a name/);
  });

  test("getItem (GET) and get_item (DELETE): `ango get-item` is the GET, the DELETE is `get-item2`", () => {
    const pair = structuredClone(clashing) as typeof clashing;
    delete (pair.paths["/items/{item_id}"] as { put?: unknown }).put;
    const commands = commandsOf(readApiModel(pair));
    const of = (command: string) => commands.find((c) => c.command === command)?.method;
    // The first in code-unit order ("getItem" < "get_item") keeps its name; the later one gets a suffix.
    expect([of("get-item"), of("get-item2")]).toEqual(["GET", "DELETE"]);
    expect(commands.some((c) => c.command === "")).toBe(false);
  });

  test("a boolean's --no-x is never another parameter's flag", () => {
    const flags = commandsOf(readApiModel(clashing)).find((c) => c.operation === "flags")?.parameters ?? [];
    const taken = flags.flatMap((p) => (p.type === "boolean" ? [p.flag, `no-${p.flag}`] : [p.flag]));
    expect(new Set(taken).size).toBe(taken.length);
    expect(flags.map((p) => p.name).sort()).toEqual(["no-x", "no_y", "x", "y"]);
  });
});
