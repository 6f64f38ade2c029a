// The packed client and CLI under Bun and Deno, each pinned and fetched from the npm registry
// (scripts/runtime-binary.sh): one scenario script per runtime against a server on loopback. Where the
// registry has no binary for this platform, the runtime's tests say they were skipped, and why.
import { execFile, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { copyFile, mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { apiKeyScheme } from "@ango-hub/client";
import { type ExampleCall, exampleCall } from "@ango-hub/corpus-tests/example-call";
import { specDocument } from "@ango-hub/spec/document";
import { startMockAngoServer } from "@ango-hub/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../../", import.meta.url));
const KEY = "ecosystem-key-0123456789-secret";
/** The runtimes and the versions they are pinned to. */
const RUNTIMES = { bun: "1.4.5", deno: "2.9.6" } as const;

/** The path a script of scripts/ prints for a binary, or why there is none for this platform (its exit 3). */
function toolPath(script: string, ...args: string[]): { path?: string; skipped?: string } {
  const result = spawnSync("bash", [join(root, "scripts", script), ...args], { encoding: "utf8" });
  if (result.status === 0) return { path: result.stdout.trim() };
  return { skipped: result.stderr.trim().split("\n").pop() ?? `exit ${result.status}` };
}

/** What the scenario (test/scenario-core.mjs) gives on every runtime. */
const SCENARIO_RESULTS = {
  call: ["Batch 1"],
  notFound: { typed: true, status: 404, requestId: "req-404" },
  retry: { succeeded: true },
  timeout: { typed: true, timeoutMs: 200 },
  pages: { items: 250, first: "thing0", last: "thing249", unique: 250 },
  upload: { name: "scan", file: { name: "blob", size: 10, text: "hello blob" } },
  redaction: { typed: true, keyShown: false },
};

// The command's call: one the spec allows, picked from the generated list.
const picked = await exampleCall(specDocument());
const example: ExampleCall | undefined = "call" in picked ? picked.call : undefined;
const noCall = "skipped" in picked ? ` — skipped: ${picked.skipped}` : "";

// Where the packed client sends the key: the scheme its codegen wrote.
const keyHeader = apiKeyScheme.name.toLowerCase();
const sentKey = `${apiKeyScheme.prefix}${KEY}`;

let project: string;
let server: Server;
let serverUrl: string;
const calls = new Map<string, number>();

/** The scenarios' answers: see test/scenario.mjs for what each path is for. */
async function answer(request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? "/", "http://localhost");
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { "content-type": "application/json", ...headers });
    response.end(JSON.stringify(body));
  };
  if (request.headers[keyHeader] !== sentKey) return json(401, { status: "fail", message: "bad key" });
  const path = url.pathname.replace(/^\/v2/, "");
  calls.set(path, (calls.get(path) ?? 0) + 1);
  const batch = /^\/batches\/(.+)$/.exec(path)?.[1];
  if (batch === "missing")
    return json(404, { status: "fail", message: "no project" }, { "x-request-id": "req-404" });
  if (batch === "slow") {
    // Answers only after the client's time limit (200 ms): its timeout ends the call first.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    return json(200, { status: "success", data: { project: { _id: batch, batches: [] } } });
  }
  if (batch === "echo") return json(500, { status: "error", message: `bad ${KEY}` }, { "x-echo": KEY });
  if (batch?.startsWith("flaky") && calls.get(path) === 1)
    return json(503, { status: "error", message: "busy" });
  if (batch) {
    const { batches } = JSON.parse(Buffer.concat(chunks).toString() || "{}");
    return json(200, { status: "success", data: { project: { _id: batch, batches } } });
  }
  if (path === "/things") {
    const page = Number(url.searchParams.get("page"));
    const limit = Number(url.searchParams.get("limit"));
    const all = Array.from({ length: 250 }, (_, i) => ({ id: `thing${i}` }));
    return json(200, {
      status: "success",
      data: { things: all.slice((page - 1) * limit, page * limit), total: 250 },
    });
  }
  if (path === "/upload") {
    const form = await new Response(Buffer.concat(chunks), {
      headers: { "content-type": request.headers["content-type"] ?? "" },
    }).formData();
    const file = form.get("file") as File;
    return json(200, {
      name: form.get("name"),
      file: { name: file.name, size: file.size, text: await file.text() },
    });
  }
  json(404, { status: "fail", message: "no route" });
}

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), "ango-ecosystem-"));
  const tarballs: string[] = [];
  for (const name of ["types", "client", "cli"]) {
    const dir = await realpath(fileURLToPath(new URL(`../node_modules/@ango-hub/${name}`, import.meta.url)));
    const { stdout } = await run("pnpm", ["pack", "--pack-destination", project], { cwd: dir });
    tarballs.push(stdout.trim().split("\n").pop() ?? "");
  }
  await writeFile(
    join(project, "package.json"),
    JSON.stringify({ name: "ecosystem", private: true, type: "module" }),
  );
  // --prefer-offline: as the consumer tests install (npm's cache first, no revalidation per package).
  await run(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", ...tarballs],
    {
      cwd: project,
    },
  );
  for (const file of ["scenario.mjs", "scenario-core.mjs", "worker.mjs"])
    await copyFile(fileURLToPath(new URL(`./${file}`, import.meta.url)), join(project, file));
  server = createServer((request, response) => {
    answer(request, response).catch((error) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/v2`;
}, 240_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  if (project) await rm(project, { recursive: true, force: true });
});

/** Each runtime's command for a script of the project, and its name in results. */
const COMMANDS = {
  bun: (bin: string, script: string[]) => [bin, ...script],
  deno: (bin: string, script: string[]) => [
    bin,
    "run",
    "--allow-all",
    "--node-modules-dir=manual",
    ...script,
  ],
} as const;

describe.each(Object.keys(RUNTIMES) as (keyof typeof RUNTIMES)[])("%s", (runtime) => {
  const { path, skipped } = toolPath("runtime-binary.sh", runtime, RUNTIMES[runtime]);
  const title = (what: string) => (skipped ? `${what} — skipped: ${skipped}` : what);
  const exec = async (script: string[], env: Record<string, string>) => {
    const [command, ...args] = COMMANDS[runtime](path as string, script);
    return run(command as string, args, {
      cwd: project,
      env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1", ...env },
      timeout: 60_000,
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
  };

  test.skipIf(!path)(
    title(
      `the packed client: a call, a typed error, a retry, a timeout, pages, a Blob upload, redaction (${runtime} ${RUNTIMES[runtime]})`,
    ),
    async () => {
      const result = await exec(["scenario.mjs"], {
        SCENARIO_URL: serverUrl,
        SCENARIO_KEY: KEY,
        SCENARIO_FLAKY: `flaky-${runtime}`,
      });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual(SCENARIO_RESULTS);
      expect(calls.get(`/batches/flaky-${runtime}`)).toBe(2);
    },
    90_000,
  );

  test.skipIf(!path || !example)(
    title(
      `the packed ango command: the spec's call and a 404, against the mock (${runtime} ${RUNTIMES[runtime]})${noCall}`,
    ),
    async () => {
      const bin = join(project, "node_modules/@ango-hub/cli/dist/bin.js");
      const mock = await startMockAngoServer({ apiKey: KEY });
      const missing = await startMockAngoServer({
        apiKey: KEY,
        respond: () => ({
          status: 404,
          body: { status: "fail", message: "no project" },
          headers: { "x-request-id": "req-404" },
        }),
      });
      try {
        const args = [bin, example?.command ?? "", ...(example?.args ?? [])];
        const env = { ANGO_API_KEY: KEY, ANGO_SERVER: "", ANGO_LOG: "" };
        const ok = await exec(args, { ...env, ANGO_BASE_URL: mock.url });
        expect([ok.code, ok.stderr]).toEqual([0, ""]);
        expect(mock.mock.calls.map((c) => [c.operationId, c.valid, c.status < 300])).toEqual([
          [example?.operation, true, true],
        ]);
        const notFound = await exec(args, { ...env, ANGO_BASE_URL: missing.url });
        expect([notFound.code, notFound.stderr]).toEqual([
          5,
          "ango: AngoNotFoundError 404 (request req-404): no project\n",
        ]);
      } finally {
        await mock.close();
        await missing.close();
      }
    },
    90_000,
  );
});

const miniflare = JSON.parse(
  readFileSync(fileURLToPath(new URL("../node_modules/miniflare/package.json", import.meta.url)), "utf8"),
) as { version: string; dependencies: Record<string, string> };

describe("workerd", () => {
  // Miniflare needs Node 22: the newest 22 from the npm registry.
  const { path, skipped } = toolPath("node-binary.sh", "22");
  test.skipIf(!path)(
    `the packed client in a worker: the same scenario (workerd ${miniflare.dependencies.workerd} through miniflare ${miniflare.version})${skipped ? ` — skipped: ${skipped}` : ""}`,
    async () => {
      const runner = fileURLToPath(new URL("./run-worker.mjs", import.meta.url));
      const { stdout } = await run(path as string, [runner, project, serverUrl, KEY, "flaky-workerd"], {
        timeout: 60_000,
      });
      // The worker's answer is JSON; an exception inside it comes back as text.
      expect(stdout.startsWith("{"), stdout).toBe(true);
      expect(JSON.parse(stdout)).toEqual(SCENARIO_RESULTS);
      expect(calls.get("/batches/flaky-workerd")).toBe(2);
    },
    90_000,
  );
});

test("the runtimes' versions are pinned here and named in the README", async () => {
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  for (const [runtime, version] of Object.entries(RUNTIMES))
    expect(readme).toContain(`${runtime} ${version}`);
  expect(readme).toContain(`miniflare ${miniflare.version}`);
  expect(readme).toContain(`workerd ${miniflare.dependencies.workerd}`);
});
