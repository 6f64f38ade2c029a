import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type GeneratedFile, type GenerateProfile, generate, readApiModel } from "../src/index.js";

// The generator must not be shaped to the Ango endpoint: a second spec with query/header/path params,
// a 204, and an operation with two success codes goes through the same code and is compiled here.
const spec = JSON.parse(await readFile(new URL("./fixtures/widgets.openapi.json", import.meta.url), "utf8"));

// The real runtime contract the generated file is written against (types only, no runtime code).
const OPERATION_CONTRACT = await readFile(new URL("../../client/src/operation.ts", import.meta.url), "utf8");
const PLAN_CONTRACT = await readFile(new URL("../../client/src/validation/plan.ts", import.meta.url), "utf8");
/** The runtime's contract module, the one runtime file generated code imports (it re-exports the rest). */
const RUNTIME_CONTRACT = await readFile(new URL("../../client/src/contract.ts", import.meta.url), "utf8");

const USAGE = `
import type { OperationRunner } from "./operation.js";
import { createWidget, deleteWidget, listWidgets, bindOperations, type CreateWidgetResult, type DeleteWidgetResult, type ListWidgetsResult } from "./operations.js";
import type { Widget, WidgetDraft, Job } from "./types.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>() => undefined as unknown as T;
assertType<Equal<ListWidgetsResult, Widget[]>>();
assertType<Equal<CreateWidgetResult, Widget | Job>>();
assertType<Equal<DeleteWidgetResult, undefined>>();
assertType<Equal<WidgetDraft["color"], "red" | "blue" | undefined>>();
assertType<Equal<Widget["color"], "red" | "blue" | null | undefined>>();

declare const runner: OperationRunner;
export async function calls() {
  await listWidgets(runner, { query: { color: "red", limit: 5 }, headers: { "x-request-tag": "t" } });
  // @ts-expect-error the query parameter color is required
  await listWidgets(runner, { query: { limit: 5 } });
  // @ts-expect-error "green" is not in the enum
  await listWidgets(runner, { query: { color: "green" } });
  await createWidget(runner, { body: { name: "w", color: "blue" } });
  // @ts-expect-error misspelled body property
  await createWidget(runner, { body: { nmae: "w" } });
  await deleteWidget(runner, { widgetId: "w1", headers: { "If-Match": "etag" } });
  // @ts-expect-error the If-Match header is required
  await deleteWidget(runner, { widgetId: "w1" });
  const client = bindOperations(runner);
  const created: Widget | Job = await client.createWidget({ body: { name: "x" } });
  return created;
}
`;

let dir: string;
let files: GeneratedFile[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "codegen-fixture-"));
  files = await generate({
    spec,
    specLabel: "test/fixtures/widgets.openapi.json",
    outputs: { types: "types.d.ts", operations: "operations.ts", servers: "servers.ts" },
    typesModule: "./types.js",
    runtimeDir: ".",
  });
  for (const file of files) await writeFile(join(dir, file.path), file.contents);
  await writeFile(join(dir, "operation.ts"), OPERATION_CONTRACT);
  await writeFile(join(dir, "contract.ts"), RUNTIME_CONTRACT);
  await mkdir(join(dir, "validation"), { recursive: true });
  await writeFile(join(dir, "validation", "plan.ts"), PLAN_CONTRACT);
  // The runtime's encoders, serialiser and paginator, as typed stand-ins that name themselves.
  const stubs = {
    encoders: ["jsonBody", "multipartBody", "formBody", "textBody", "binaryBody"],
    params: ["styledParams"],
    paginate: ["paginate"],
  };
  for (const [module, names] of Object.entries(stubs)) {
    await writeFile(join(dir, `${module}.js`), names.map((n) => `export const ${n} = "${n}";`).join("\n"));
    await writeFile(
      join(dir, `${module}.d.ts`),
      names.map((n) => `export declare const ${n}: any;`).join("\n"),
    );
  }
  await writeFile(join(dir, "usage.ts"), USAGE);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("codegen on a second, general fixture spec", () => {
  test("reads every operation with its parameters, body and success codes", () => {
    const model = readApiModel(spec);
    expect(model.operations.map((op) => `${op.method} ${op.path} ${op.name}`)).toEqual([
      "post /widgets createWidget",
      "delete /widgets/{widgetId} deleteWidget",
      "get /widgets listWidgets",
    ]);
    const del = model.operations.find((op) => op.operationId === "deleteWidget");
    expect(del?.parameters).toEqual([
      {
        name: "widgetId",
        in: "path",
        required: true,
        scalar: true,
        description: "Widget ID",
        type: "string",
        schema: { type: "string" },
      },
      {
        name: "If-Match",
        in: "header",
        required: true,
        scalar: true,
        type: "string",
        schema: { type: "string" },
      },
    ]);
    expect(del?.successResponses).toEqual([
      { status: 204, key: "204", contentTypes: [], schemaNames: {}, undescribed: false },
    ]);
    const create = model.operations.find((op) => op.operationId === "createWidget");
    expect(create?.successResponses.map((r) => r.status)).toEqual([201, 202]);
    expect(model.apiKeyScheme).toEqual({
      schemeName: "Token",
      in: "header",
      name: "x-widget-token",
      prefix: "",
    });
    expect(model.servers.map((s) => s.key)).toEqual(["eu", "staging", "backup"]);
    expect(model.schemaAliases.map((a) => a.typeName)).toEqual(["Job", "Widget", "WidgetDraft"]);
  });

  test("emitted TypeScript compiles, and wrong calls are type errors", () => {
    const program = ts.createProgram([join(dir, "usage.ts")], {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      types: [],
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    expect(diagnostics).toEqual([]);
  });

  test("generated functions hand the runner the spec's method, path, parameters and body", async () => {
    const operations = files.find((f) => f.path === "operations.ts");
    const js = ts.transpileModule(operations?.contents ?? "", {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    await writeFile(join(dir, "operations.mjs"), js);
    const mod = await import(pathToFileURL(join(dir, "operations.mjs")).href);
    const seen: unknown[] = [];
    const runner = { call: async (op: unknown, request: unknown) => seen.push({ op, request }) };
    await mod.deleteWidget(runner, { widgetId: "w/1", headers: { "If-Match": "e" } });
    await mod.listWidgets(runner, { query: { color: "red" } });
    await mod.bindOperations(runner).createWidget({ body: { name: "n" } });
    expect(seen).toEqual([
      {
        op: {
          operationId: "deleteWidget",
          method: "DELETE",
          path: "/widgets/{widgetId}",
          params: [
            { name: "widgetId", in: "path" },
            { name: "If-Match", in: "header" },
          ],
          serializeParams: "styledParams",
          response: "none",
          deprecated: true,
        },
        request: { path: { widgetId: "w/1" }, headers: { "If-Match": "e" } },
      },
      {
        op: expect.objectContaining({
          method: "GET",
          params: [
            { name: "limit", in: "query" },
            { name: "color", in: "query" },
            { name: "x-request-tag", in: "header" },
          ],
        }),
        request: { query: { color: "red" }, headers: undefined },
      },
      {
        op: expect.objectContaining({
          method: "POST",
          body: { mediaType: "application/json", required: true, encode: "jsonBody" },
          response: "json",
        }),
        request: { body: { name: "n" } },
      },
    ]);
  });

  test("servers and auth scheme become constants, first server the default", () => {
    const servers = files.find((f) => f.path === "servers.ts")?.contents ?? "";
    expect(servers).toContain('eu: "https://eu.widgets.example/v1"');
    expect(servers).toContain('staging: "https://staging.widgets.example/v1"');
    expect(servers).toContain('backup: "https://backup.widgets.example/v1"');
    expect(servers).toContain('export const defaultServerPreset: ServerPreset = "eu";');
    expect(servers).toMatch(/in: "header",\s+name: "x-widget-token"/);
    // The runtime's ApiAccess, generated rather than assembled by each caller.
    expect(servers).toMatch(
      /export const apiAccess = \{\s*serverPresets,\s*defaultServerPreset,\s*apiKeyScheme,\s*errorMessagePaths,?\s*\} as const;/,
    );
  });

  test("every file starts with a header naming the spec and says not to edit it", () => {
    for (const file of files) {
      expect(
        file.contents.startsWith(
          "// Generated by @ango-hub/codegen from test/fixtures/widgets.openapi.json.\n",
        ),
      ).toBe(true);
      expect(file.contents).toContain("Do not edit");
    }
  });
});

describe("a JSON operation with a success declared in no JSON type", () => {
  test("that status is listed as binary in its descriptor, and its result type is a Blob", async () => {
    const profile: GenerateProfile = {};
    const [operations] = await generate({
      profile,
      spec: {
        openapi: "3.0.3",
        info: { title: "downloads", version: "1" },
        servers: [{ url: "https://downloads.test/v1" }],
        paths: {
          "/documents/{id}/download": {
            get: {
              operationId: "download",
              parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
              responses: {
                "200": {
                  description: "the PDF",
                  content: { "application/pdf": { schema: { type: "string" } } },
                },
                "202": {
                  description: "not ready",
                  content: { "application/json": { schema: { type: "object" } } },
                },
              },
            },
          },
        },
      },
      specLabel: "downloads.json",
      outputs: { operations: "operations.ts" },
      typesModule: "./types.js",
      runtimeDir: ".",
    });
    // Only the output asked for is emitted, and the profile says where the time went.
    expect(Object.keys(profile).sort()).toEqual(["format", "model", "operations"]);
    expect(operations?.contents).toMatch(/response: "json",\s+binary: \[200\],/);
    expect(operations?.contents).toMatch(/export type DownloadResult =\s+\| Blob\s+\| paths\[[^;]+\["202"\]/);
  });
});

describe("a JSON operation whose JSON comes under another type than application/json", () => {
  test("its descriptor names those types as the Accept to send; one declaring application/json needs none", async () => {
    const jsonApi = (types: string[]) => ({
      description: "found",
      content: Object.fromEntries(types.map((type) => [type, { schema: { type: "object" } }])),
    });
    const [operations] = await generate({
      spec: {
        openapi: "3.0.3",
        info: { title: "accept", version: "1" },
        servers: [{ url: "https://accept.test/v1" }],
        paths: {
          "/instances/{id}": {
            get: {
              operationId: "instance",
              parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
              responses: { "200": jsonApi(["application/dicom", "application/dicom+json; charset=utf-8"]) },
            },
          },
          "/plain": { get: { operationId: "plain", responses: { "200": jsonApi(["application/json"]) } } },
        },
      },
      specLabel: "accept.json",
      outputs: { operations: "operations.ts" },
      typesModule: "./types.js",
      runtimeDir: ".",
    });
    expect(operations?.contents).toContain('accept: "application/dicom+json",');
    expect(operations?.contents.match(/accept: /g)).toHaveLength(1);
  });
});
