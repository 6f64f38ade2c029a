import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { generate, SpecError } from "../src/index.js";

// Nothing outside the document is read while generating: every reference that leaves it is refused
// before any tool resolves anything, and a loopback server and a local file record whether anything tried.
let server: Server;
let origin: string;
const requests: string[] = [];
let dir: string;
let secretFile: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? "");
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ type: "object", properties: { leaked: { type: "string" } } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  dir = await mkdtemp(join(tmpdir(), "codegen-refs-"));
  secretFile = join(dir, "secret.json");
  await writeFile(
    secretFile,
    JSON.stringify({ type: "object", properties: { fromDisk: { type: "string" } } }),
  );
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

function documentWith(schema: unknown, extra: Record<string, unknown> = {}) {
  return {
    openapi: "3.0.3",
    info: { title: "refs", version: "1" },
    servers: [{ url: "https://refs.example/v1" }],
    security: [{ Key: [] }],
    paths: {
      "/a": {
        get: {
          operationId: "getA",
          responses: { "200": { description: "ok", content: { "application/json": { schema } } } },
        },
      },
    },
    components: { securitySchemes: { Key: { type: "apiKey", in: "header", name: "apikey" } }, ...extra },
  };
}

const generateAll = (spec: object) =>
  generate({
    spec,
    specLabel: "refs.json",
    outputs: { types: "types.d.ts", operations: "operations.ts", servers: "servers.ts" },
    typesModule: "./types.js",
    runtimeDir: ".",
  });

describe("references that leave the document are refused, and nothing is read", () => {
  const cases: [string, () => object, RegExp][] = [
    [
      "a loopback URL",
      () => documentWith({ $ref: `${origin}/schema.json` }),
      /#\/paths\/~1a\/get\/responses/,
    ],
    ["a file path", () => documentWith({ $ref: secretFile }), /only references inside the document/],
    [
      "a relative file",
      () => documentWith({ $ref: "./secret.json#/x" }),
      /only references inside the document/,
    ],
    [
      "a reference inside an example (resolvers follow those too)",
      () => documentWith({ type: "object", example: { $ref: `${origin}/example.json` } }),
      /example/,
    ],
    [
      "a discriminator mapping to a URL",
      () =>
        documentWith(
          {
            oneOf: [{ $ref: "#/components/schemas/A" }],
            discriminator: { propertyName: "kind", mapping: { a: `${origin}/a.json` } },
          },
          { schemas: { A: { type: "object" } } },
        ),
      /discriminator mapping/,
    ],
    [
      "a link's operationRef",
      () => {
        const doc = documentWith({ type: "object" }) as {
          paths: Record<string, Record<string, Record<string, unknown>>>;
        };
        (doc.paths["/a"]?.get?.responses as Record<string, Record<string, unknown>>)["200"] = {
          description: "ok",
          links: { next: { operationRef: `${origin}/openapi.json#/paths/~1b/get` } },
        };
        return doc;
      },
      /operationRef/,
    ],
  ];

  test.each(cases)("%s", async (_what, build, place) => {
    const before = requests.length;
    const failure = await generateAll(build()).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(SpecError);
    expect(String((failure as Error).message)).toMatch(place);
    expect(requests.length - before).toBe(0);
  });

  test("an example's externalValue is kept as text and never fetched", async () => {
    const doc = documentWith({ type: "object" });
    (doc.paths["/a"].get.responses["200"].content["application/json"] as Record<string, unknown>).examples = {
      remote: { externalValue: `${origin}/example.json` },
    };
    const before = requests.length;
    const files = await generateAll(doc);
    expect(files.map((f) => f.path)).toEqual(["types.d.ts", "operations.ts", "servers.ts"]);
    expect(requests.length - before).toBe(0);
  });

  test("the recorder does record a request (the zero counts above could fail)", async () => {
    const before = requests.length;
    await fetch(`${origin}/probe`);
    expect(requests.length - before).toBe(1);
  });
});
