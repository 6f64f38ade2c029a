// The seed spec grown with the operations Ango's public docs describe (test/fixtures/ango-next.additions.json):
// the documented listProjects gets a page iterator, uploads go as multipart, and the rest of the grown
// document is sent and typed as the spec says.
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { angoPageShape } from "@ango-hub/test-support/page-shape";
import { MockAngo } from "@ango-hub/testing";
import { beforeAll, describe, expect, test } from "vitest";
import {
  angoSpec,
  type GeneratedClient,
  generateClient,
  grow,
  type Json,
  loadClient,
  strictTypeCheck,
} from "./support/corpus.js";

const require = createRequire(import.meta.url);

const additions = JSON.parse(
  await readFile(new URL("./fixtures/ango-next.additions.json", import.meta.url), "utf8"),
);

const document = grow(angoSpec, additions);
const projects = Array.from({ length: 250 }, (_, i) => ({ _id: `p${i + 1}`, name: `Project ${i + 1}` }));
let generated: GeneratedClient;
let client: Json;

beforeAll(async () => {
  generated = await generateClient("ango-next", document);
  client = await loadClient(generated.dir);
}, 120_000);

function runtimeFor(mock: MockAngo, extra: Json = {}) {
  return client.createAngoRuntime({
    apiKey: "next-key-0123456789",
    server: "https://next.test/v2",
    fetch: (url: string, init: RequestInit) => mock.handle(new Request(url, init)),
    retry: { baseDelayMs: 0, maxDelayMs: 0 },
    ...extra,
  });
}

/** A mock that serves `projects` a page at a time, as Ango's list endpoints do. */
function pagedMock(
  fail?: (page: number, attempt: number) => { status: number; headers?: Record<string, string> } | undefined,
) {
  const attempts = new Map<number, number>();
  return new MockAngo({
    document,
    respond: ({ operationId, query }) => {
      if (operationId !== "listProjects") return undefined;
      const page = Number(query.page ?? 1);
      const limit = Number(query.limit ?? 10);
      const attempt = (attempts.get(page) ?? 0) + 1;
      attempts.set(page, attempt);
      const failure = fail?.(page, attempt);
      if (failure) return { ...failure, body: { status: "fail", message: "Too many requests" } };
      const slice = projects.slice((page - 1) * limit, page * limit);
      return { status: 200, body: { status: "success", data: { projects: slice, total: projects.length } } };
    },
  });
}

describe("listProjects, the documented list convention", () => {
  test("is recognised as paginated, over data.projects", () => {
    expect(client.listProjectsOperation.pagination).toEqual(angoPageShape("projects"));
  });

  test("iterateListProjects walks every page: limit 100, pages 1..3, stops at total", async () => {
    const mock = pagedMock();
    const seen: string[] = [];
    for await (const project of client.iterateListProjects(runtimeFor(mock))) seen.push(project._id);
    expect(seen).toEqual(projects.map((p) => p._id));
    expect(mock.calls.map((c) => [c.status, c.valid])).toEqual([
      [200, true],
      [200, true],
      [200, true],
    ]);
  });

  test("a page answered 429 is retried after Retry-After, like any call", async () => {
    const mock = pagedMock((page, attempt) =>
      page === 2 && attempt === 1 ? { status: 429, headers: { "retry-after": "0" } } : undefined,
    );
    let count = 0;
    for await (const _ of client.iterateListProjects(runtimeFor(mock))) count++;
    expect(count).toBe(250);
    expect(mock.calls.map((c) => c.status)).toEqual([200, 429, 200, 200]);
  });

  test("the client README's page-iterator example type-checks, strictly, against this document's client", async () => {
    // The README shows a list the seed does not have yet (it says so): checked here, where one exists.
    const readme = await readFile(
      join(dirname(require.resolve("@ango-hub/client/package.json")), "README.md"),
      "utf8",
    );
    const block = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
      .map((match) => match[1] ?? "")
      .find((code) => /\bango\.iterate\w+\(/.test(code));
    expect(block).toBeDefined();
    const file = join(generated.dir, "readme-page-iterator.ts");
    // The block goes on from the README's first one, which made `ango` and `input`.
    await writeFile(
      file,
      `import { createAngoClient } from "./runtime/index.js";
const ango = createAngoClient({ apiKey: "k" });
declare const input: Parameters<typeof ango.updateProjectBatches>[0];
${block}
export {};
`,
    );
    const found = await strictTypeCheck([file], join(generated.dir, "strict"));
    expect(found.map((d) => `${d.line}: ${d.message}`)).toEqual([]);
  });

  test("a limit over Ango's maximum is refused before anything is sent", async () => {
    const mock = pagedMock();
    const walk = async () => {
      for await (const _ of client.iterateListProjects(runtimeFor(mock), { query: { limit: 500 } }));
    };
    await expect(walk()).rejects.toThrow(/limit must be a whole number from 1 to 100/);
    expect(mock.calls).toHaveLength(0);
  });
});

describe("the rest of the grown document", () => {
  test("an upload goes as multipart with the file and its fields, validated by the mock", async () => {
    const mock = new MockAngo({ document });
    const runtime = runtimeFor(mock);
    const file = new File(["image bytes"], "cat.png", { type: "image/png" });
    const { status } = await client
      .uploadAsset(runtime, { projectId: "p1", body: { file, externalId: "x1", batches: ["b1", "b2"] } })
      .withResponse();
    expect(status).toBe(201);
    expect(mock.calls.at(-1)).toMatchObject({ operationId: "uploadAsset", valid: true });
  });

  test("a deprecated operation warns once; its array query goes comma-separated (form, explode: false)", async () => {
    const lines: string[] = [];
    const logger = { error() {}, info() {}, debug() {}, warn: (line: string) => lines.push(line) };
    const queries: string[] = [];
    const mock = new MockAngo({ document });
    const runtime = runtimeFor(mock, {
      logger,
      fetch: (url: string, init: RequestInit) => {
        queries.push(decodeURIComponent(new URL(url).search));
        return mock.handle(new Request(url, init));
      },
    });
    await client.exportProject(runtime, { projectId: "p1", query: { batches: ["b1", "b2"] } });
    await client.exportProject(runtime, { projectId: "p1" });
    expect(queries).toEqual(["?batches=b1,b2", ""]);
    expect(mock.calls.map((c) => c.valid)).toEqual([true, true]);
    expect(lines).toEqual(["[ango] exportProject is deprecated in the API spec; see its documentation."]);
  });

  test("an operation without operationId gets a derived name, reported, and its 204 is undefined", async () => {
    expect(generated.notices).toContainEqual({
      where: "DELETE /storages/{storageId}",
      message: 'no operationId; generated as "deleteStoragesByStorageId".',
    });
    const mock = new MockAngo({ document });
    expect(await client.deleteStoragesByStorageId(runtimeFor(mock), { storageId: "s1" })).toBeUndefined();
  });

  test("deprecated fields and declared error bodies are in the types", async () => {
    const types = await readFile(join(generated.dir, "types.d.ts"), "utf8");
    expect(types).toMatch(/@deprecated[\s\S]{0,80}legacyId\?: string/);
    const operations = await readFile(join(generated.dir, "runtime/generated/operations.ts"), "utf8");
    expect(operations).toMatch(/export type ListProjectsErrorBody =/);
    expect(operations).toMatch(/export function iterateListProjects\(/);
  });
});
