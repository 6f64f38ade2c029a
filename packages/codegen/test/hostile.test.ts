import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  type GeneratedFile,
  generate,
  RESPONSE_INDEX_FILE,
  RESPONSE_SCHEMAS_FILE,
  readApiModel,
  SpecError,
} from "../src/index.js";
import { BREAK_OUTS, hostileDocument } from "./support/hostile.js";

// Documents an attacker could publish at the vendor's URL: generated code must hold only the declarations
// it always holds, whatever text the document carries.
const OPERATION_CONTRACT = await readFile(new URL("../../client/src/operation.ts", import.meta.url), "utf8");
const PLAN_CONTRACT = await readFile(new URL("../../client/src/validation/plan.ts", import.meta.url), "utf8");
/** The runtime's contract module, the one runtime file generated code imports (it re-exports the rest). */
const RUNTIME_CONTRACT = await readFile(new URL("../../client/src/contract.ts", import.meta.url), "utf8");
const COMMAND_CONTRACT = await readFile(new URL("../../cli/src/command-spec.ts", import.meta.url), "utf8");
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters no agent's text may carry
const UNSHOWABLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const TOOL_CONTRACT = await readFile(new URL("../../mcp/src/tool-spec.ts", import.meta.url), "utf8");
const OUTPUTS = {
  types: "types.d.ts",
  operations: "operations.ts",
  servers: "servers.ts",
  document: "document.ts",
  responses: "responses",
  commands: "generated/commands.ts",
  tools: "generated/tools.ts",
};

const spec = hostileDocument();
let dir: string;
let files: GeneratedFile[];

const parse = (file: GeneratedFile) =>
  ts.createSourceFile(file.path, file.contents, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
const fileNamed = (path: string) => files.find((f) => f.path === path) as GeneratedFile;

/**
 * Loads a generated module the way a consumer's bundler would: modules that import nothing (servers,
 * document), or only modules beside them loaded the same way (a response plan and its shared schemas).
 */
async function load(file: GeneratedFile): Promise<Record<string, unknown>> {
  const js = ts
    .transpileModule(file.contents, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    })
    .outputText.replace(/(from "\.\/[^"]+)\.js"/g, '$1.mjs"');
  const target = join(dir, file.path.replace(/\.ts$/, ".mjs"));
  await writeFile(target, js);
  return import(pathToFileURL(target).href);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "codegen-hostile-"));
  files = await generate({
    spec,
    specLabel: "hostile.json",
    outputs: OUTPUTS,
    typesModule: "./types.js",
    runtimeDir: ".",
  });
  await mkdir(join(dir, OUTPUTS.responses));
  await mkdir(join(dir, "generated"));
  await writeFile(join(dir, "command-spec.ts"), COMMAND_CONTRACT);
  await writeFile(join(dir, "tool-spec.ts"), TOOL_CONTRACT);
  for (const file of files) await writeFile(join(dir, file.path), file.contents);
  await writeFile(join(dir, "operation.ts"), OPERATION_CONTRACT);
  await writeFile(join(dir, "contract.ts"), RUNTIME_CONTRACT);
  await mkdir(join(dir, "validation"), { recursive: true });
  await writeFile(join(dir, "validation", "plan.ts"), PLAN_CONTRACT);
  // The runtime modules the operations import, declared with the runtime's own types.
  await writeFile(
    join(dir, "encoders.ts"),
    `import type { BodyEncoder } from "./operation.js";\nexport declare const jsonBody: BodyEncoder, binaryBody: BodyEncoder, formBody: BodyEncoder, multipartBody: BodyEncoder, textBody: BodyEncoder;\n`,
  );
  await writeFile(
    join(dir, "params.ts"),
    `import type { ParamsSerializer } from "./operation.js";\nexport declare const styledParams: ParamsSerializer;\n`,
  );
  await writeFile(join(dir, "paginate.ts"), "export declare const paginate: unknown;\n");
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  delete (globalThis as { pwned?: unknown }).pwned;
});

describe("a document full of break-out attempts", () => {
  test("every generated file holds only the statement kinds it always holds", () => {
    const allowed: Record<string, ts.SyntaxKind[]> = {
      [OUTPUTS.types]: [ts.SyntaxKind.TypeAliasDeclaration, ts.SyntaxKind.InterfaceDeclaration],
      [OUTPUTS.operations]: [
        ts.SyntaxKind.ImportDeclaration,
        ts.SyntaxKind.InterfaceDeclaration,
        ts.SyntaxKind.TypeAliasDeclaration,
        ts.SyntaxKind.VariableStatement,
        ts.SyntaxKind.FunctionDeclaration,
      ],
      [OUTPUTS.servers]: [ts.SyntaxKind.VariableStatement, ts.SyntaxKind.TypeAliasDeclaration],
      [OUTPUTS.document]: [ts.SyntaxKind.VariableStatement],
      [OUTPUTS.responses]: [ts.SyntaxKind.ImportDeclaration, ts.SyntaxKind.VariableStatement],
      [OUTPUTS.commands]: [ts.SyntaxKind.ImportDeclaration, ts.SyntaxKind.VariableStatement],
      [OUTPUTS.tools]: [ts.SyntaxKind.ImportDeclaration, ts.SyntaxKind.VariableStatement],
    };
    for (const file of files) {
      const kinds = parse(file).statements.map((s) => ts.SyntaxKind[s.kind]);
      const kindsAllowed = allowed[file.path] ?? allowed[file.path.split("/")[0] as string];
      const unexpected = kinds.filter((k) => !kindsAllowed?.map((a) => ts.SyntaxKind[a]).includes(k));
      expect(unexpected, file.path).toEqual([]);
    }
  });

  test("no call anywhere but the runtime's, the module's own functions and the document's JSON.parse", () => {
    for (const file of files) {
      const source = parse(file);
      const ownFunctions = new Set(
        source.statements.filter(ts.isFunctionDeclaration).map((f) => f.name?.text as string),
      );
      const callees: string[] = [];
      const visit = (node: ts.Node) => {
        if (ts.isCallExpression(node)) callees.push(node.expression.getText(source));
        ts.forEachChild(node, visit);
      };
      visit(source);
      // The plan index loads each response plan: import() of a file beside it, then its one export.
      const planLoad = /^import(\("\.\/[0-9a-f]{12}\.js"\)\.then)?$/;
      const foreign = callees.filter(
        (callee) =>
          !ownFunctions.has(callee) &&
          !["runner.call", "paginate", "JSON.parse"].includes(callee) &&
          !planLoad.test(callee),
      );
      expect(foreign, file.path).toEqual([]);
      // Each generated function is one return of one call; the rest of the file is declarations.
      for (const fn of source.statements.filter(ts.isFunctionDeclaration)) {
        expect(
          fn.body?.statements.map((s) => ts.SyntaxKind[s.kind]),
          fn.name?.text,
        ).toEqual(["ReturnStatement"]);
      }
    }
  });

  test("document text adds no JSDoc tag: only a deprecated schema is marked deprecated", () => {
    const known = new Set(["description", "default", "example", "enum", "deprecated", "constant"]);
    for (const file of files) {
      const source = parse(file);
      const deprecated: string[] = [];
      const visit = (node: ts.Node) => {
        // The comments this node carries itself (getJSDocTags would also report a parent's).
        const own = (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
        for (const tag of own.flatMap((doc) => doc.tags ?? [])) {
          expect(known.has(tag.tagName.text), `${file.path}: @${tag.tagName.text}`).toBe(true);
          if (tag.tagName.text === "deprecated")
            deprecated.push((node as { name?: ts.Node }).name?.getText(source) ?? ts.SyntaxKind[node.kind]);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      expect(
        deprecated.every((name) => ['"Deprecated.Thing"', "DeprecatedThing"].includes(name)),
        `${file.path}: ${deprecated.join(", ")}`,
      ).toBe(true);
    }
  });

  test("the generated modules type-check against the runtime contract", () => {
    const program = ts.createProgram(
      [...files.filter((f) => f.path !== OUTPUTS.document).map((f) => join(dir, f.path))],
      {
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
        types: [],
      },
    );
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(diagnostics).toEqual([]);
  });

  test("importing the generated servers and document runs nothing of the document's", async () => {
    await load(fileNamed(OUTPUTS.servers));
    await load(fileNamed(OUTPUTS.document));
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  test("each response plan loads as the data the codegen read, runs nothing, and its file name is safe", async () => {
    const shared = `${OUTPUTS.responses}/${RESPONSE_SCHEMAS_FILE}.ts`;
    const index = `${OUTPUTS.responses}/${RESPONSE_INDEX_FILE}.ts`;
    const plans = files.filter(
      (f) => f.path.startsWith(`${OUTPUTS.responses}/`) && f.path !== shared && f.path !== index,
    );
    // The index names each plan by its hash alone: no text of the document is in it.
    const indexText = files.find((f) => f.path === index)?.contents ?? "";
    for (const key of indexText.matchAll(/^\s*"([^"]*)": \(\) => import\("\.\/([^"]*)\.js"\)/gm))
      expect(key[1]).toMatch(/^[0-9a-f]{12}$/);
    expect([...indexText.matchAll(/import\(/g)]).toHaveLength(plans.length);
    const model = readApiModel(spec);
    expect(plans).toHaveLength(model.operations.length);
    const { schemas } = (await load(fileNamed(shared))) as { schemas: object };
    expect(JSON.stringify(schemas)).toBe(JSON.stringify(model.responseSchemas));
    for (const file of plans) {
      // Named by a hash of the operation's name: no text of the document becomes a path.
      expect(file.path).toMatch(/^responses\/[0-9a-f]{12}\.ts$/);
      const { responses } = (await load(file)) as { responses: object };
      const op = model.operations.find((o) => file.contents.includes(`The responses \`${o.name}\` declares`));
      expect(JSON.stringify(responses)).toBe(JSON.stringify(op?.responsePlan));
    }
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  test("the CLI's commands load as data: every command and flag a plain kebab-case word, help text kept as text", async () => {
    const { commands } = (await load(fileNamed(OUTPUTS.commands))) as {
      commands: { command: string; parameters: { flag: string }[]; description?: string }[];
    };
    expect(commands).toHaveLength(readApiModel(spec).operations.length);
    for (const command of commands) {
      expect(command.command).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const parameter of command.parameters) expect(parameter.flag).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
    // The break-out attempts are still there, as data for the help text (the CLI strips control characters).
    expect(JSON.stringify(commands)).toContain("globalThis.pwned = 1");
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  test("the MCP tools load as data: unique names and arguments in MCP's characters, text cleaned", async () => {
    const { tools } = (await load(fileNamed(OUTPUTS.tools))) as {
      tools: {
        name: string;
        title?: string;
        description: string;
        parameters: { argument: string }[];
        inputSchema: object;
      }[];
    };
    expect(tools).toHaveLength(readApiModel(spec).operations.length);
    expect(new Set(tools.map((t) => t.name)).size).toBe(tools.length);
    for (const tool of tools) {
      expect(tool.name).toMatch(/^[A-Za-z0-9_]{1,64}$/);
      const argumentNames = [...tool.parameters.map((p) => p.argument), "body"];
      expect(new Set(argumentNames).size, tool.name).toBe(argumentNames.length);
      for (const name of argumentNames) expect(name).toMatch(/^[A-Za-z0-9_]{1,64}$/);
      // No control or bidirectional character reaches an agent's text; line breaks stay line breaks.
      const text = JSON.stringify(tool);
      expect(JSON.parse(text)).toEqual(tool);
      for (const value of [tool.title ?? "", tool.description]) expect(value).not.toMatch(UNSHOWABLE);
    }
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  test("the mock's document module equals the spec, key for key (__proto__ keys too)", async () => {
    const { openApiDocument } = (await load(fileNamed(OUTPUTS.document))) as { openApiDocument: unknown };
    expect(JSON.stringify(openApiDocument)).toBe(JSON.stringify(spec));
    const schemas = (openApiDocument as { components: { schemas: object } }).components.schemas;
    expect(Object.hasOwn(schemas, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(schemas)).toBe(Object.prototype);
  });

  test("preset keys never come from prototype names, and comments hold the text escaped", async () => {
    const { serverPresets } = (await load(fileNamed(OUTPUTS.servers))) as {
      serverPresets: Record<string, string>;
    };
    // The first server's description is "*/ globalThis.pwned = 1; /*": its first word with a letter.
    expect(Object.keys(serverPresets)).toEqual([
      "globalthispwned",
      "constructor",
      "proto",
      "hasownproperty",
      "valueof",
    ]);
    expect(serverPresets.constructor).toBe("https://hostile.example/v3");
    // Each break-out attempt is still readable in the comments, escaped.
    expect(fileNamed(OUTPUTS.operations).contents).toContain("*\\/ globalThis.pwned = 1; /*");
  });

  test("operations named like the module's own declarations or the runtime's get another name", () => {
    const names = readApiModel(spec).operations.map((op) => op.name);
    for (const taken of [
      "paginate",
      "styledParams",
      "jsonBody",
      "bindOperations",
      "operationDescriptors",
      "paths",
    ])
      expect(names).not.toContain(taken);
    expect(names).toContain("paginate2");
  });
});

describe("documents that are refused before any tool reads them, with the place", () => {
  const base = () => structuredClone(hostileDocument());

  test("a component key outside OpenAPI's pattern (a security scheme that would end a comment)", () => {
    const doc = base();
    const name = "K */ console.log('PWNED'); /*";
    (doc.components as Record<string, Record<string, unknown>>).securitySchemes = {
      [name]: { type: "apiKey", in: "header", name: "apikey" },
    };
    doc.security = [{ [name]: [] }];
    expect(() => readApiModel(doc)).toThrow(SpecError);
    expect(() => readApiModel(doc)).toThrow(/#\/components\/securitySchemes: the key "K \*\/ console.log/);
  });

  test.each([
    ["plain http on a public host", "http://plain.example/v2", /plain http on a non-loopback host/],
    ["credentials", "https://user:pw@host.example/v2", /credentials/],
    ["a query", "https://host.example/v2?x=1", /query or fragment/],
    ["a fragment", "https://host.example/v2#x", /query or fragment/],
    ["a relative URL", "/v2", /not an absolute URL/],
    ["another scheme", "ftp://host.example/v2", /not an http\(s\) URL/],
  ])("a server URL with %s", (_what, url, message) => {
    const doc = base();
    doc.servers = [{ url }];
    expect(() => readApiModel(doc)).toThrow(message);
    expect(() => readApiModel(doc)).toThrow(/servers\[0\]/);
  });

  test("a server the client cannot use beside one it can is left out, with a notice", () => {
    const doc = base();
    // AWS's shape: each endpoint as http, then as https.
    doc.servers = [
      { url: "http://plain.example/v2", description: "The plain endpoint" },
      { url: "/relative/v2" },
      { url: "https://secure.example/v2", description: "The secure endpoint" },
    ];
    const model = readApiModel(doc);
    expect(model.servers).toEqual([
      { key: "secure", url: "https://secure.example/v2", description: "The secure endpoint" },
    ]);
    const notices = model.notices.filter((n) => n.where.startsWith("servers"));
    expect(notices.map((n) => `${n.where} ${n.message}`)).toEqual([
      'servers[0] "http://plain.example/v2" is plain http on a non-loopback host: the API key would travel unencrypted; it is not a preset.',
      'servers[1] "/relative/v2" is not an absolute URL; the client needs one such as https://host/v2; it is not a preset.',
    ]);
  });

  test("plain http on loopback is allowed, as for the client's server option", () => {
    const doc = base();
    doc.servers = [{ url: "http://127.0.0.1:8080/v2" }, { url: "http://localhost/v2", description: "Local" }];
    expect(readApiModel(doc).servers.map((s) => s.url)).toEqual([
      "http://127.0.0.1:8080/v2",
      "http://localhost/v2",
    ]);
  });

  test("nesting past the limit names the limit and where it starts", () => {
    const doc = base();
    let deep: Record<string, unknown> = { type: "string" };
    for (let level = 0; level < 1_000; level++) deep = { type: "array", items: deep };
    (doc.components as { schemas: Record<string, unknown> }).schemas.Deep = deep;
    expect(() => readApiModel(doc)).toThrow(
      /#\/components\/schemas\/Deep\/items.*nested deeper than 100 levels \(DOCUMENT_LIMITS\.maxNestingDepth\)/,
    );
  });

  test("a reference into a keyword OpenAPI does not define, at an object whose type is no JSON type", () => {
    const doc = base();
    const schemas = (doc.components as { schemas: Record<string, unknown> }).schemas;
    // Seen in codat.io's accounting API: `type` of the referenced object is itself a schema.
    schemas.Item = { type: "object", definitions: { itemType: { type: { type: "string", enum: ["A"] } } } };
    schemas.Uses = {
      type: "object",
      properties: { kind: { $ref: "#/components/schemas/Item/definitions/itemType" } },
    };
    expect(() => readApiModel(doc)).toThrow(
      /#\/components\/schemas\/Uses\/properties\/kind: the reference "#\/components\/schemas\/Item\/definitions\/itemType" points at no schema: its "type" is \{"type":"string","enum":\["A"\]\}/,
    );
    schemas.Item = { type: "object", definitions: { itemType: { type: ["string", "null"] } } };
    expect(() => readApiModel(doc)).not.toThrow();
  });

  test("text from the document in an error shows line breaks and controls as escapes", () => {
    const doc = base();
    doc.paths = { "/a/{id}\n---\nEOF": { get: { responses: {} } } };
    let message = "";
    try {
      readApiModel(doc);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("/a/{id}\\u000a---\\u000aEOF");
    expect(message).not.toMatch(/[\n\r\u2028\u2029]/);
  });
});

test("every break-out attempt is in the hostile document", () => {
  const text = JSON.stringify(spec);
  for (const breakOut of BREAK_OUTS) expect(text).toContain(JSON.stringify(breakOut).slice(1, -1));
});
