// The vendor's API as its own SDK and docs describe it (test/fixtures/ango-vendor.additions.json, 46
// operations with the vendor's quirks) grown into the frozen seed, taken through the update pipeline's
// steps: spec:update (diff, changeset, regenerate), spec lint, generate, strict type-check, and every
// operation called through the generated client against the mock built from the same document.
import { spawnSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findRepoRoot, REPO_TARGETS, RESPONSE_INDEX_FILE, RESPONSE_SCHEMAS_FILE } from "@ango-hub/codegen";
import { updateSpec } from "@ango-hub/spec-tools";
import { seedPath } from "@ango-hub/test-support/seed";
import { MockAngo } from "@ango-hub/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  angoSpec,
  clientRoots,
  type GeneratedClient,
  generateClient,
  grow,
  type Json,
  loadClient,
  strictTypeCheck,
} from "./support/corpus.js";
import { type Descriptor, inputFor } from "./support/inputs.js";

const additions = JSON.parse(
  await readFile(new URL("./fixtures/ango-vendor.additions.json", import.meta.url), "utf8"),
);
const document = grow(angoSpec, additions);
const repo = findRepoRoot();
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const operationCount = Object.values(document.paths as Json).reduce(
  (count: number, item) => count + METHODS.filter((method) => (item as Json)[method]).length,
  0,
);

let generated: GeneratedClient;
let client: Json;
let scratch: string;

beforeAll(async () => {
  generated = await generateClient("ango-vendor", document);
  client = await loadClient(generated.dir);
  scratch = await mkdtemp(join(tmpdir(), "ango-vendor-"));
}, 120_000);
afterAll(() => rm(scratch, { recursive: true, force: true }));

function runtimeFor(mock: MockAngo) {
  return client.createAngoRuntime({
    apiKey: "vendor-key-0123456789",
    server: "https://vendor.test/v2",
    maxRetries: 0,
    logLevel: "off",
    fetch: (url: string, init: RequestInit) => mock.handle(new Request(url, init)),
  });
}

describe("the vendor's API as its SDK and docs describe it", () => {
  test("holds about 50 operations with the quirks the vendor's sources show", () => {
    expect(operationCount).toBe(47);
    const text = JSON.stringify(additions);
    for (const quirk of [
      '"status[eq]"',
      '"content":{"application/json"',
      '"/{organizationId}/',
      '"/task/assign"',
      "anyOf",
      "null]",
    ])
      expect(text).toContain(quirk);
    expect(additions.paths["/issues"].get.responses["201"]).toBeDefined();
    expect(additions.paths["/project/{projectId}/assets"].delete.requestBody).toBeDefined();
  });

  test("spec:update takes it: a minor changeset naming the new operations, every generated file rewritten", async () => {
    await mkdir(join(scratch, "spec"));
    await cp(seedPath, join(scratch, REPO_TARGETS.spec));
    await cp(join(repo, REPO_TARGETS.overrides), join(scratch, REPO_TARGETS.overrides));
    for (const file of ["biome.json", "pnpm-workspace.yaml"]) await cp(join(repo, file), join(scratch, file));
    await mkdir(join(scratch, ".changeset"));
    for (const dir of await readdir(join(repo, "packages"))) {
      await mkdir(join(scratch, "packages", dir), { recursive: true });
      await cp(join(repo, "packages", dir, "package.json"), join(scratch, "packages", dir, "package.json"));
    }
    const result = await updateSpec(scratch, JSON.stringify(document));
    const changeset = await readFile(join(scratch, result.changesetPath ?? ""), "utf8");
    expect(changeset).toContain('"@ango-hub/client": minor');
    expect(changeset).toContain("`GET /project/{projectId}/tasks` added (`getTasks`)");
    // Every generated file, and one response plan per operation in the codegen's own folder.
    const { responses, ...files } = REPO_TARGETS.outputs;
    const generated = result.generated.sort();
    expect(generated.filter((path) => !path.startsWith(`${responses}/`))).toEqual(
      Object.values(files).sort(),
    );
    // One plan per operation, beside the one table of schemas they share.
    // A plan per operation, the schemas they share and the index from plan key to module.
    expect(generated.filter((path) => path.startsWith(`${responses}/`))).toHaveLength(operationCount + 2);
    expect(generated).toContain(`${responses}/${RESPONSE_SCHEMAS_FILE}.ts`);
    expect(generated).toContain(`${responses}/${RESPONSE_INDEX_FILE}.ts`);
    const operations = await readFile(join(scratch, REPO_TARGETS.outputs.operations), "utf8");
    expect(operations.match(/ as const satisfies OperationDescriptor;$/gm)).toHaveLength(operationCount);
  });

  test("the spec lint finds no structural problem (style findings are the vendor's, reported)", async () => {
    const file = join(scratch, "vendor.json");
    await writeFile(file, JSON.stringify(document));
    const lint = spawnSync(
      join(repo, "node_modules/.bin/redocly"),
      ["lint", file, "--extends", "recommended", "--format=json", "--max-problems=10000"],
      { encoding: "utf8", maxBuffer: 1 << 26 },
    );
    const problems = (JSON.parse(lint.stdout) as { problems: { ruleId: string }[] }).problems;
    expect(problems.filter((p) => p.ruleId === "struct" || p.ruleId === "no-unresolved-refs")).toEqual([]);
  });

  test("generates every operation, and the client type-checks strictly", async () => {
    expect(Object.keys(client.operationDescriptors)).toHaveLength(operationCount);
    const found = await strictTypeCheck(clientRoots(generated.dir), join(generated.dir, "strict"));
    expect(found.map((d) => d.message)).toEqual([]);
  });

  test("every operation is called through the client and answered as the spec says", async () => {
    const mock = new MockAngo({ document });
    const runtime = runtimeFor(mock);
    const failures: string[] = [];
    const descriptors = Object.values(client.operationDescriptors as Record<string, Descriptor>);
    for (const [index, descriptor] of descriptors.entries()) {
      const call = client[descriptor.operationId] as (runner: unknown, input: unknown) => Promise<unknown>;
      const problem = await call(runtime, await inputFor(document, descriptor, index + 1)).then(
        () => undefined,
        (error: Error) => error.message,
      );
      const seen = mock.calls.at(-1);
      if (problem || !seen?.valid)
        failures.push(`${descriptor.operationId}: ${problem ?? `${seen?.status} ${seen?.reason}`}`);
    }
    expect(failures).toEqual([]);
    expect(mock.calls).toHaveLength(operationCount);
  });

  test("the quirks on the wire: JSON in the query, bracket names, a JSON body on DELETE, a GET answering 201", async () => {
    const sent: Request[] = [];
    const mock = new MockAngo({ document });
    const runtime = client.createAngoRuntime({
      apiKey: "vendor-key-0123456789",
      server: "https://vendor.test/v2",
      maxRetries: 0,
      fetch: async (url: string, init: RequestInit) => {
        sent.push(new Request(url, init));
        return mock.handle(new Request(url, init));
      },
    });
    await client.getTasks(runtime, {
      projectId: "p1",
      // A parameter of a JSON media type takes its value; the client sends the value's JSON text.
      query: { "status[eq]": "TODO", filters: { stage: "Label" }, page: 2 },
    });
    const tasksUrl = new URL(sent[0]?.url ?? "");
    expect(tasksUrl.searchParams.get("status[eq]")).toBe("TODO");
    expect(JSON.parse(tasksUrl.searchParams.get("filters") ?? "")).toEqual({ stage: "Label" });
    await client.deleteAssets(runtime, { projectId: "p1", body: { assets: ["a1", "a2"] } });
    expect(sent[1]?.method).toBe("DELETE");
    expect(await sent[1]?.json()).toEqual({ assets: ["a1", "a2"] });
    const issues = await client.getIssues(runtime, { query: { project: "p1" } }).withResponse();
    expect(issues.status).toBe(201);
    expect(mock.calls.every((c) => c.valid)).toBe(true);
  });
});
