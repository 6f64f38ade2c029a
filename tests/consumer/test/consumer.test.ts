import { execFile, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createAngoClient } from "@ango-hub/client";
import { operationDescriptors } from "@ango-hub/client/contract";
import {
  callScript,
  type ExampleCall,
  exampleCall,
  specCommands,
  typedCallSource,
} from "@ango-hub/corpus-tests/example-call";
import { specDocument } from "@ango-hub/spec/document";
import { onAnotherNode } from "@ango-hub/test-support/node-matrix";
import { publishedPackages } from "@ango-hub/test-support/published";
import { missingMembers, shellWords, skippedFor } from "@ango-hub/test-support/readme-example";
import { isSeedOperation } from "@ango-hub/test-support/seed";
import { type MockResponse, startMockAngoServer } from "@ango-hub/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

// The consumers' view: pack every public package as npm would publish it, install the tarballs into a
// fresh project outside the workspace, and use them there from ESM, CJS and strict TypeScript.
const run = promisify(execFile);
const tsc = fileURLToPath(new URL("../node_modules/.bin/tsc", import.meta.url));
const root = fileURLToPath(new URL("../../../", import.meta.url));
let project: string;

// The call every test below makes: one the spec allows, picked from the generated list (so the tests
// hold for whatever document spec/ holds), or the reason there is none.
const picked = await exampleCall(specDocument());
const example: ExampleCall | undefined = "call" in picked ? picked.call : undefined;
const noCall = "skipped" in picked ? ` — skipped: ${picked.skipped}` : "";
function tsconfig(moduleResolution: "bundler" | "node16") {
  return JSON.stringify({
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: "es2022",
      lib: ["es2022", "dom"],
      module: moduleResolution === "bundler" ? "esnext" : "node16",
      moduleResolution,
      types: [],
      skipLibCheck: false,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
    },
    files: ["consumer.ts"],
  });
}

const tarballs: string[] = [];

/**
 * A folder the project is packed and installed into once and then reused, when set: scripts/
 * test-node-versions.sh sets it for its runs, since the tarballs and npm's install of them do not depend
 * on the Node that runs the tests (the first run prepares it, the next find INSTALLED in it). The script
 * removes it; unset, the project is a folder of this run's own, removed after it.
 */
const sharedProject = process.env.ANGO_CONSUMER_PROJECT || undefined;
/** Written into the project once npm's install of the tarballs has finished. */
const INSTALLED = ".installed";

beforeAll(async () => {
  project = sharedProject ?? (await mkdtemp(join(tmpdir(), "ango-consumer-")));
  const listTarballs = async () =>
    tarballs.push(...(await readdir(project)).filter((f) => f.endsWith(".tgz")).map((f) => join(project, f)));
  if (sharedProject && (await readdir(project)).includes(INSTALLED)) return await listTarballs();
  // The README's way before a release: scripts/pack.sh writes every published package's tarball (built
  // already by this task's turbo dependencies), then one npm install of them all.
  await run("bash", [join(root, "scripts/pack.sh"), project], {
    cwd: root,
    env: { ...process.env, ANGO_PACK_SKIP_BUILD: "1" },
  });
  await listTarballs();
  await writeFile(
    join(project, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  // --prefer-offline: the dependencies' metadata from npm's cache when it has them (the suite installs
  // these tarballs several times), not revalidated with the registry one request per package.
  await run(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", ...tarballs],
    {
      cwd: project,
    },
  );
  await writeFile(join(project, INSTALLED), "");
}, 240_000);
afterAll(async () => {
  if (project && !sharedProject) await rm(project, { recursive: true, force: true });
});

// Set by scripts/test-node-versions.sh, which runs this suite again under Node 22 and 24.
test.runIf(process.env.ANGO_EXPECT_NODE)("runs on the Node the version matrix asked for", () => {
  expect(process.version).toBe(process.env.ANGO_EXPECT_NODE);
});

describe("what each tarball publishes", () => {
  /**
   * A tarball unpacked once (into the project's `unpacked/`), and its files by their path inside the
   * package: one tar per tarball, not one per file read.
   */
  const unpacked = new Map<string, Promise<{ dir: string; files: string[] }>>();
  function unpack(tarball: string): Promise<{ dir: string; files: string[] }> {
    let entry = unpacked.get(tarball);
    if (!entry) {
      entry = (async () => {
        const dir = join(project, "unpacked", String(unpacked.size));
        await mkdir(dir, { recursive: true });
        await run("tar", ["-xzf", tarball, "-C", dir]);
        const { stdout } = await run("tar", ["-tzf", tarball]);
        const files = stdout
          .trim()
          .split("\n")
          .map((path) => path.replace(/^package\//, ""));
        return { dir: join(dir, "package"), files };
      })();
      unpacked.set(tarball, entry);
    }
    return entry;
  }
  const readPacked = (tarball: string, file: string) =>
    unpack(tarball).then(({ dir }) => readFile(join(dir, file), "utf8"));

  test.skipIf(onAnotherNode)(
    "README, LICENSE and engines; no tests; every source map's sources are in the tarball",
    async () => {
      // One tarball per published package.
      expect(tarballs.length).toBe(publishedPackages(root).length);
      for (const tarball of tarballs) {
        const { files } = await unpack(tarball);
        expect(files, tarball).toEqual(expect.arrayContaining(["package.json", "README.md", "LICENSE"]));
        expect(
          files.filter((f) => /(^|\/)(test|tests|__tests__)\/|\.test(-d)?\.ts$/.test(f)),
          tarball,
        ).toEqual([]);
        const manifest = await readPacked(tarball, "package.json");
        expect(JSON.parse(manifest).engines?.node, tarball).toMatch(/^>=\d+/);
        for (const map of files.filter((f) => f.endsWith(".map"))) {
          const stdout = await readPacked(tarball, map);
          const dir = map.split("/").slice(0, -1).join("/");
          const sourceMap = JSON.parse(stdout) as { sources: string[]; sourcesContent?: (string | null)[] };
          for (const [index, source] of sourceMap.sources.entries()) {
            const resolved = join(dir, source).replaceAll("\\", "/");
            // A source outside the package (the private OpenAPI reader bundled into @ango-hub/testing) is
            // there for a debugger when the map carries its text; one inside must be a file of the tarball.
            if (resolved.startsWith("../"))
              expect(typeof sourceMap.sourcesContent?.[index], `${tarball}: ${map} -> ${source}`).toBe(
                "string",
              );
            else expect(files, `${tarball}: ${map} -> ${source}`).toContain(resolved);
          }
        }
      }
    },
  );

  test.skipIf(onAnotherNode)(
    "the CLI and the MCP server take the client by a semver range and import only entry points it publishes",
    async () => {
      const packed = await Promise.all(
        tarballs.map(async (tarball) => {
          const manifest = await readPacked(tarball, "package.json");
          const { files } = await unpack(tarball);
          const code = files.filter((file) => /\.(c|m)?js$/.test(file));
          const text = (await Promise.all(code.map((file) => readPacked(tarball, file)))).join("\n");
          return {
            manifest: JSON.parse(manifest) as {
              name: string;
              version: string;
              exports?: Record<string, unknown>;
              dependencies?: Record<string, string>;
            },
            text,
          };
        }),
      );
      const client = packed.find((p) => p.manifest.name === "@ango-hub/client")?.manifest;
      const published = new Set(Object.keys(client?.exports ?? {}).map((key) => key.replace(/^\./, "")));
      // Every entry point the client publishes is covered by semver (its README); none is internal.
      expect([...published].filter((entry) => /internal/i.test(entry))).toEqual([]);
      for (const name of ["@ango-hub/cli", "@ango-hub/mcp"]) {
        const dependent = packed.find((p) => p.manifest.name === name);
        expect(dependent?.manifest.dependencies?.["@ango-hub/client"], name).toBe(`^${client?.version}`);
        const imported = new Set(
          [...(dependent?.text ?? "").matchAll(/["'`]@ango-hub\/client(\/[^"'`]*)?["'`]/g)].map(
            (match) => match[1] ?? "",
          ),
        );
        expect(imported.size, `${name} imports the client`).toBeGreaterThan(0);
        expect(
          [...imported].filter((entry) => !published.has(entry)),
          name,
        ).toEqual([]);
      }
    },
  );
});

describe("a fresh project that installed the packed packages", () => {
  // The README's example names the seed's operation: run where the spec still has it.
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const esm = /```js\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  const missing = missingMembers(esm, createAngoClient({ apiKey: "k" }), operationDescriptors, [
    "ango",
    "wrong",
  ]);
  test.skipIf(missing.length > 0)(
    `imports them from ESM and makes a call against the mock server (the README example)${skippedFor(missing, "tests/consumer/README.md")}`,
    async () => {
      await writeFile(join(project, "esm.mjs"), esm);
      const { stdout } = await run(process.execPath, ["esm.mjs"], { cwd: project });
      expect(JSON.parse(stdout)).toEqual({ batches: ["from ESM"], typed: true });
    },
  );

  test.skipIf(!example)(
    `requires them from CommonJS and calls the spec's ${example?.operation}${noCall}`,
    async () => {
      await writeFile(
        join(project, "cjs.cjs"),
        callScript(example as ExampleCall, "cjs", "consumer-key-1234"),
      );
      const { stdout } = await run(process.execPath, ["cjs.cjs"], { cwd: project });
      expect(JSON.parse(stdout)).toEqual([[example?.operation, true, true]]);
    },
  );

  test.skipIf(!example || onAnotherNode).each(["bundler", "node16"] as const)(
    `type-checks a strict TypeScript file (moduleResolution %s)${noCall}`,
    async (resolution) => {
      await writeFile(join(project, "consumer.ts"), typedCallSource(example as ExampleCall));
      await writeFile(join(project, `tsconfig.${resolution}.json`), tsconfig(resolution));
      // A non-zero exit rejects (failing the test) with tsc's diagnostics in the error's stdout.
      const result = await run(tsc, ["-p", `tsconfig.${resolution}.json`], { cwd: project });
      expect(result.stdout).toBe("");
    },
  );
});

describe("the ango command from the packed @ango-hub/cli, run as a user runs it", () => {
  const KEY = "consumer-cli-key-0123456789";
  const ango = (args: string[], env: Record<string, string> = {}) =>
    run(join(project, "node_modules/.bin/ango"), args, {
      cwd: project,
      env: { ...process.env, ANGO_API_KEY: KEY, ANGO_SERVER: "", ANGO_LOG: "", ...env },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  /**
   * Every command's help through the runner the package publishes (`@ango-hub/cli/runner`, the code the
   * command runs), in one process: one process per command was a hundred to start for a spec of a
   * hundred operations, each loading the same code.
   */
  const HELP_SCRIPT = `import { readFileSync } from "node:fs";
import { runCli } from "@ango-hub/cli/runner";
const seen = [];
for (const command of JSON.parse(readFileSync("commands.json", "utf8"))) {
  let out = "";
  const write = (text) => { out += text; };
  const code = await runCli([command, "--help"], {
    stdout: { write },
    stderr: { write },
    sources: { readStdin: async () => new Uint8Array(), readFile: async () => new Uint8Array() },
  });
  seen.push([command, code, out.startsWith(\`Usage: ango \${command}\`)]);
}
console.log(JSON.stringify(seen));
`;

  test("--version, --help, and every command's own help", async () => {
    expect((await ango(["--version"])).stdout).toMatch(/^@ango-hub\/cli \d+\.\d+\.\d+ /);
    const help = await ango(["--help"]);
    const listed = /\nCommands:\n([\s\S]*?)\n\n/.exec(help.stdout)?.[1] ?? "";
    const commands = listed.split("\n").map((line) => line.trim().split(/\s+/)[0] as string);
    expect(commands.length).toBeGreaterThan(0);
    // The command itself passes a command's arguments on: the first command's help, from its own process.
    const first = await ango([commands[0] as string, "--help"]);
    expect([first.code, first.stdout.startsWith(`Usage: ango ${commands[0]}`)]).toEqual([0, true]);
    await writeFile(join(project, "commands.json"), JSON.stringify(commands));
    await writeFile(join(project, "help.mjs"), HELP_SCRIPT);
    const { stdout } = await run(process.execPath, ["help.mjs"], {
      cwd: project,
      env: { ...process.env, ANGO_API_KEY: KEY, ANGO_SERVER: "", ANGO_LOG: "" },
      maxBuffer: 1 << 26,
    });
    const seen = JSON.parse(stdout) as [string, number, boolean][];
    expect(seen.filter(([, code, usage]) => code !== 0 || !usage)).toEqual([]);
    expect(seen.map(([command]) => command)).toEqual(commands);
  });

  test.skipIf(!example)(
    `a call, a 404, a 429 with Retry-After and a timeout, against servers on loopback${noCall}`,
    async () => {
      let answer: "ok" | "404" | "429" = "ok";
      let calls = 0;
      const server = await startMockAngoServer({
        apiKey: KEY,
        respond: (): MockResponse | undefined => {
          calls++;
          if (answer === "404")
            return {
              status: 404,
              body: { status: "fail", message: "Project not found" },
              headers: { "x-request-id": "r-404" },
            };
          if (answer === "429")
            return {
              status: 429,
              body: { status: "fail", message: "Too many requests" },
              headers: { "retry-after": "1" },
            };
          return undefined;
        },
      });
      const { createServer } = await import("node:http");
      const silent = createServer(() => {}); // accepts, never answers
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      try {
        const env = { ANGO_BASE_URL: server.url };
        const args = [example?.command ?? "", ...(example?.args ?? [])];
        const ok = await ango(args, env);
        expect([ok.code, ok.stderr]).toEqual([0, ""]);
        expect(server.mock.calls.map((c) => [c.operationId, c.valid, c.status < 300])).toEqual([
          [example?.operation, true, true],
        ]);

        answer = "404";
        const missing = await ango(args, env);
        expect([missing.code, missing.stderr]).toEqual([
          5,
          "ango: AngoNotFoundError 404 (request r-404): Project not found\n",
        ]);

        answer = "429";
        calls = 0;
        const started = Date.now();
        const limited = await ango([...args, "--max-retries", "1"], env);
        expect(limited.code).toBe(7);
        // The mock gives every answer a request id, as Ango does.
        expect(limited.stderr).toMatch(
          /^ango: AngoRateLimitError 429 \(request mock-\d+\): Too many requests\n$/,
        );
        // Asked again once, after the second the server asked for.
        expect(calls).toBe(2);
        expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);

        const { port } = silent.address() as { port: number };
        const slow = await ango([...args, "--timeout-ms", "300", "--max-retries", "0"], {
          ANGO_BASE_URL: `http://127.0.0.1:${port}/v2`,
        });
        expect(slow.code).toBe(9);
        expect(slow.stderr).toMatch(
          new RegExp(
            `^ango: AngoTimeoutError: ${example?.method} http://127\\.0\\.0\\.1:${port}/v2/\\S* timed out after 300 ms\n$`,
          ),
        );
        for (const result of [ok, missing, limited, slow])
          expect(result.stdout + result.stderr).not.toContain(KEY);
      } finally {
        silent.closeAllConnections();
        await new Promise((resolve) => silent.close(resolve));
        await server.close();
      }
    },
    30_000,
  );

  // The repository README's shell example, line by line, as a user would paste it (with a key set).
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const shellLines = (/## From a shell\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "")
    .split("\n")
    .map(shellWords)
    .filter((words) => words[0] === "ango");
  const byCommand = new Map(specCommands(specDocument()).map((c) => [c.command, c]));
  const byOperation = Object.fromEntries([...byCommand.values()].map((c) => [c.operation, c]));
  const notAsSeed = [...new Set(shellLines.map((words) => words[1] ?? ""))].filter((name) => {
    if (name.startsWith("-")) return false;
    const command = byCommand.get(name);
    return command === undefined || !isSeedOperation(command.operation, byOperation);
  });
  test.skipIf(notAsSeed.length > 0)(
    `the root README's shell example runs as written${skippedFor(notAsSeed, "README.md")}`,
    async () => {
      expect(shellLines.length).toBeGreaterThanOrEqual(2);
      const server = await startMockAngoServer({ apiKey: KEY });
      try {
        for (const [, ...args] of shellLines) {
          const result = await ango(args, { ANGO_BASE_URL: server.url });
          expect([args.join(" "), result.code, result.stderr]).toEqual([args.join(" "), 0, ""]);
          expect(result.stdout).not.toContain(KEY);
        }
        // Each call the README makes reached the mock as a valid request.
        expect(server.mock.calls.length).toBeGreaterThan(0);
        expect(server.mock.calls.filter((c) => !c.valid || c.status >= 300)).toEqual([]);
      } finally {
        await server.close();
      }
    },
    60_000,
  );

  const tmux = spawnSync("tmux", ["-V"]).status === 0;
  test.skipIf(!tmux || !example)(
    `on a terminal (tmux): the answer indented, an error on one line${tmux ? noCall : " — skipped: no tmux on the PATH"}`,
    async () => {
      const server = await startMockAngoServer({ apiKey: KEY });
      // Another key: every call to it is refused with a 401.
      const locked = await startMockAngoServer({ apiKey: `${KEY}-other` });
      let terminals = 0;
      /** Runs `ango args` in a fresh 160x50 terminal and returns what the screen shows once it exits. */
      const onScreen = async (args: string[], url: string) => {
        // A socket of its own per terminal, in the test's directory: `kill-server` returns before the old
        // server has let go of its socket, and a new session on the same one met a dying server.
        const socket = join(project, `tmux-${++terminals}`);
        const tmuxRun = (tmuxArgs: string[]) => run("tmux", ["-S", socket, ...tmuxArgs]);
        const quoted = args.map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(" ");
        const command = `env ANGO_API_KEY=${KEY} ANGO_BASE_URL=${url} ANGO_SERVER= ${join(project, "node_modules/.bin/ango")} ${quoted}; echo "exit=$?"; sleep 30`;
        await tmuxRun(["new-session", "-d", "-x", "160", "-y", "50", "-s", "cli", command]);
        try {
          for (let i = 0; i < 100; i++) {
            const { stdout } = await tmuxRun(["capture-pane", "-p", "-J", "-t", "cli"]);
            if (/exit=\d+/.test(stdout)) return stdout;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          throw new Error("ango did not finish in the terminal");
        } finally {
          await tmuxRun(["kill-server"]).catch(() => {});
        }
      };
      try {
        const args = [example?.command ?? "", ...(example?.args ?? [])];
        // The same call through a pipe gives the answer compact; a terminal shows it indented.
        const piped = await ango(args, { ANGO_BASE_URL: server.url });
        expect(piped.code).toBe(0);
        const answer = await onScreen(args, server.url);
        expect(answer).toMatch(/exit=0/);
        const body: unknown = piped.stdout.trim() === "" ? undefined : JSON.parse(piped.stdout);
        if (body !== null && typeof body === "object" && Object.keys(body).length > 0)
          expect(answer).toMatch(/^[[{]\n {2}\S/m);
        const refused = await onScreen(args, locked.url);
        expect(refused).toMatch(/^ango: AngoAuthenticationError 401 \(request mock-\d+\): .*\nexit=4/m);
        expect(answer + refused).not.toContain(KEY);
      } finally {
        await server.close();
        await locked.close();
      }
    },
    30_000,
  );
});

describe("the installed ango-mcp", () => {
  test("an MCP client spawns it over stdio and lists a tool per operation of the spec", async () => {
    // The SDK the installed server depends on, from the consumer's own node_modules.
    const sdk = (path: string) =>
      import(join(project, "node_modules/@modelcontextprotocol/sdk/dist/esm", path));
    const { Client } = await sdk("client/index.js");
    const { StdioClientTransport } = await sdk("client/stdio.js");
    const client = new Client({ name: "consumer", version: "1.0.0" });
    await client.connect(
      new StdioClientTransport({
        command: join(project, "node_modules/.bin/ango-mcp"),
        env: { PATH: process.env.PATH ?? "", ANGO_API_KEY: "consumer-key-0123456789" },
        stderr: "ignore",
      }),
    );
    try {
      const { tools } = await client.listTools();
      expect(tools.length).toBe(Object.keys(operationDescriptors).length);
    } finally {
      await client.close();
    }
  });

  test("started with --transport http, it serves Streamable HTTP on loopback to a client with a key", async () => {
    const sdk = (path: string) =>
      import(join(project, "node_modules/@modelcontextprotocol/sdk/dist/esm", path));
    const { Client } = await sdk("client/index.js");
    const { StreamableHTTPClientTransport } = await sdk("client/streamableHttp.js");
    const server = spawn(join(project, "node_modules/.bin/ango-mcp"), ["--transport", "http"], {
      env: { PATH: process.env.PATH ?? "" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    try {
      // It prints where it serves on stderr once it listens (the port is the system's pick).
      const url = await new Promise<string>((resolve, reject) => {
        let said = "";
        server.stderr?.on("data", (chunk: Buffer) => {
          said += chunk.toString();
          const found = /serving MCP at (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(said)?.[1];
          if (found) resolve(found);
        });
        server.once("exit", (code) => reject(new Error(`ango-mcp exited (${code}): ${said}`)));
      });
      const client = new Client({ name: "consumer", version: "1.0.0" });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(url), {
          requestInit: { headers: { authorization: "Bearer consumer-key-0123456789" } },
        }),
      );
      try {
        expect((await client.listTools()).tools.length).toBe(Object.keys(operationDescriptors).length);
      } finally {
        await client.close();
      }
    } finally {
      server.kill();
    }
  });
});
