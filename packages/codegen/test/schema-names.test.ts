// Generated declarations name the spec's schemas (issue 17: hover shows `Batch[]`, not an index chain),
// and naming never changes a type or breaks compilation: self-references, aliases of aliases, unions,
// and a schema named like something the operations module declares itself.
import ts from "typescript";
import { beforeAll, expect, test } from "vitest";
import { MAX_INLINED_NODES } from "../src/emit-types.js";
import { type GeneratedFile, generate } from "../src/index.js";

const json = (schema: object) => ({ "application/json": { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const document = {
  openapi: "3.0.3",
  info: { title: "names", version: "1" },
  servers: [{ url: "https://names.test/v1", description: "Main" }],
  security: [{ key: [] }],
  paths: {
    "/records": {
      get: {
        operationId: "listRecords",
        responses: { "200": { description: "ok", content: json(ref("Record")) } },
      },
      put: {
        operationId: "putValue",
        requestBody: { required: true, content: json({ oneOf: [ref("Value"), ref("Connection")] }) },
        responses: { "200": { description: "ok", content: json(ref("Left")) } },
      },
    },
    "/things": {
      post: {
        operationId: "createThing",
        requestBody: { required: true, content: json(ref("CreateThingInput")) },
        responses: { "200": { description: "ok", content: json(ref("Node")) } },
      },
      put: {
        operationId: "putShape",
        requestBody: { required: true, content: json(ref("Shape")) },
        responses: { "200": { description: "ok", content: json(ref("Alias")) } },
      },
    },
  },
  components: {
    securitySchemes: { key: { type: "apiKey", in: "header", name: "x-key" } },
    schemas: {
      // Named like the operation's own input type: the operations module must keep the index chain.
      CreateThingInput: { type: "object", properties: { name: { type: "string" } } },
      Node: { type: "object", required: ["id"], properties: { id: { type: "string" }, next: ref("Node") } },
      Alias: ref("Node"),
      Circle: { type: "object", properties: { radius: { type: "number" } } },
      Square: { type: "object", properties: { side: { type: "number" } } },
      Shape: { oneOf: [ref("Circle"), ref("Square")] },
      // A union that holds itself (Vercel's EdgeConfigItemValue, with 3.1's `type: "null"` beside it), and
      // two unions that hold each other: references among them cannot all be aliases.
      Value: {
        type: "null",
        oneOf: [{ type: "string" }, { type: "number" }, { type: "array", items: ref("Value") }],
      },
      Left: { oneOf: [{ type: "string" }, { type: "array", items: ref("Right") }] },
      Right: { oneOf: [{ type: "number" }, { type: "array", items: ref("Left") }] },
      // A reference into a schema's own `definitions` (codat's DataConnection/definitions/…).
      Connection: {
        type: "object",
        properties: {
          errors: { type: "array", items: { $ref: "#/components/schemas/Connection/definitions/error" } },
        },
        definitions: { error: { type: "object", properties: { message: { type: "string" } } } },
      },
      // Named like a global type the operations module writes (`Record<string, never>` for no input).
      Record: { type: "object", properties: { id: { type: "string" } } },
    },
  },
};

let types: string;
let operations: string;

beforeAll(async () => {
  const files: GeneratedFile[] = await generate({
    spec: document,
    specLabel: "names.json",
    outputs: { types: "types.d.ts", operations: "operations.ts", servers: "servers.ts" },
    typesModule: "./types.js",
    runtimeDir: ".",
  });
  const contents = (path: string) => files.find((f) => f.path === path)?.contents ?? "";
  types = contents("types.d.ts");
  operations = contents("operations.ts");
});

test("an object schema is defined by its alias, and refers to others by name", () => {
  expect(types).toMatch(/export type Node = \{[^}]*next\?: Node;/);
  expect(types).toMatch(/\n\s+Node: Node;/);
  expect(types).not.toContain('components["schemas"]["Node"]');
});

test("a schema that is not an object literal keeps an alias of its index chain (no alias cycle)", () => {
  expect(types).toContain('export type Alias = components["schemas"]["Alias"];');
  expect(types).toMatch(/\n\s+Alias: Node;/);
  expect(types).toContain('export type Shape = components["schemas"]["Shape"];');
  expect(types).toMatch(/\n\s+Shape: Circle \| Square;/);
});

test("unions that reach themselves are defined by their aliases, as recursive aliases", () => {
  expect(types).toMatch(/export type Value = null & \(string \| number \| Value\[\]\);/);
  expect(types).toMatch(/export type Left = string \| Right\[\];/);
  expect(types).toMatch(/\n\s+Value: Value;/);
  // A union that does not reach itself keeps its alias of the index chain.
  expect(types).toContain('export type Shape = components["schemas"]["Shape"];');
});

test("a reference into a schema's own definitions is written as the schema it points at", () => {
  expect(types).not.toContain('["definitions"]');
  expect(types).toMatch(/errors\?: \{\s*message\?: string;\s*\}\[\];/);
});

test("signatures use schema names, except a name the operations module declares itself", () => {
  expect(operations).toContain("export type CreateThingResult = Node;");
  expect(operations).toContain("AngoPromise<Node>");
  expect(operations).toContain("body: Shape;");
  expect(operations).toContain("AngoPromise<Alias>");
  expect(operations).toMatch(/body: NonNullable<\s*paths\["\/things"\]\["post"\]\["requestBody"\]\s*>/);
  const imported = /^import type \{([^}]*)\} from "\.\/types\.js";$/m.exec(operations)?.[1] ?? "";
  expect(
    imported
      .split(",")
      .map((name) => name.trim())
      .filter(Boolean),
  ).toEqual(expect.arrayContaining(["Alias", "Node", "paths", "Record2", "Shape"]));
  expect(imported).not.toMatch(/\bRecord\b/);
});

test("a schema named like a global type the modules write gets the next free name, never the global's", () => {
  expect(types).toMatch(/export type Record2 = \{/);
  expect(types).not.toMatch(/export type Record\b/);
  expect(operations).toContain("export type ListRecordsInput = Record<string, never>;");
  expect(operations).toContain("export type ListRecordsResult = Record2;");
});

test("the types module compiles under strict settings", () => {
  // The libraries a consumer's project has (as the fixture test's compile), not every @types package
  // installed here, which made this one file's check take seconds.
  const options = { strict: true, noEmit: true, lib: ["lib.es2022.d.ts", "lib.dom.d.ts"], types: [] };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (file) => (file === "/names/types.d.ts" ? types : read(file));
  host.fileExists = (file) => file === "/names/types.d.ts" || ts.sys.fileExists(file);
  const program = ts.createProgram(["/names/types.d.ts"], options, host);
  expect(
    ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")),
  ).toEqual([]);
});

test("references into schemas that nest copies of copies stop at MAX_INLINED_NODES, as unknown that says why", async () => {
  // Level k's `definitions/d` holds two references to level k-1's: inlining level 20 would copy 2^20 objects.
  const levels = 20;
  const schemas: Record<string, object> = { L0: { definitions: { d: { type: "string" } } } };
  for (let k = 1; k <= levels; k++) {
    const previous = { $ref: `#/components/schemas/L${k - 1}/definitions/d` };
    schemas[`L${k}`] = { definitions: { d: { type: "object", properties: { a: previous, b: previous } } } };
  }
  // A reference to a reference ends at the schema it names: nothing is copied.
  schemas.Holder = { type: "object", properties: { shape: { allOf: [ref("L0")] } } };
  schemas.Top = {
    type: "object",
    properties: {
      deep: { $ref: `#/components/schemas/L${levels}/definitions/d` },
      named: { $ref: "#/components/schemas/Holder/properties/shape/allOf/0" },
    },
  };
  const files = await generate({
    spec: {
      ...document,
      paths: {
        "/top": {
          get: {
            operationId: "getTop",
            responses: { "200": { description: "ok", content: json(ref("Top")) } },
          },
        },
      },
      components: { ...document.components, schemas },
    },
    specLabel: "nested.json",
    outputs: { types: "types.d.ts", operations: "operations.ts", servers: "servers.ts" },
    typesModule: "./types.js",
    runtimeDir: ".",
  });
  const nested = files.find((f) => f.path === "types.d.ts")?.contents ?? "";
  expect(nested).toContain(`copy more than ${MAX_INLINED_NODES} schema objects`);
  // Bounded by the budget: 2^20 copies would be tens of megabytes.
  expect(nested.length).toBeLessThan(8 * MAX_INLINED_NODES * 20);
  expect(nested).not.toContain('["definitions"]');
  expect(nested).toMatch(/named\?: L0;/);
});
