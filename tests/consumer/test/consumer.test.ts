import { execFile, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createAngoClient } from "@ango-hub/client";
import { operationDescriptors } from "@ango-hub/client/internal";
import {
  callScript,
  type ExampleCall,
  exampleCall,
  specCommands,
  typedCallSource,
} from "@ango-hub/corpus-tests/example-call";
import { specDocument } from "@ango-hub/spec/document";
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

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), "ango-consumer-"));
  // The README's way before a release: scripts/pack.sh writes every published package's tarball (built
  // already by this task's turbo dependencies), then one npm install of them all.
  await run("bash", [join(root, "scripts/pack.sh"), project], {
    cwd: root,
    env: { ...process.env, ANGO_PACK_SKIP_BUILD: "1" },
  });
  tarballs.push(...(await readdir(project)).filter((f) => f.endsWith(".tgz")).map((f) => join(project, f)));
  await writeFile(
    join(project, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...tarballs], { cwd: project });
}, 240_000);
afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

// Set by scripts/test-node-versions.sh, which runs this suite again under Node 22 and 24.
test.runIf(process.env.ANGO_EXPECT_NODE)("runs on the Node the version matrix asked for", () => {
  expect(process.version).toBe(process.env.ANGO_EXPECT_NODE);
});

describe("what each tarball publishes", () => {
  /** The files of a tarball, by their path inside the package. */
  async function contents(tarball: string): Promise<string[]> {
    const { stdout } = await run("tar", ["-tzf", tarball]);
    return stdout
      .trim()
      .split("\n")
      .map((entry) => entry.replace(/^package\//, ""));
  }

  test("README, LICENSE and engines; no tests; every source map's sources are in the tarball", async () => {
    // One tarball per published package (packages/* not marked private).
    const published = (await readdir(join(root, "packages"))).filter((dir) => {
      const manifest = JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8"));
      return manifest.private !== true;
    });
    expect(tarballs.length).toBe(published.length);
    for (const tarball of tarballs) {
      const files = await contents(tarball);
      expect(files, tarball).toEqual(expect.arrayContaining(["package.json", "README.md", "LICENSE"]));
      expect(
        files.filter((f) => /(^|\/)(test|tests|__tests__)\/|\.test(-d)?\.ts$/.test(f)),
        tarball,
      ).toEqual([]);
      const { stdout: manifest } = await run("tar", ["-xzOf", tarball, "package/package.json"]);
      expect(JSON.parse(manifest).engines?.node, tarball).toMatch(/^>=\d+/);
      for (const map of files.filter((f) => f.endsWith(".map"))) {
        const { stdout } = await run("tar", ["-xzOf", tarball, `package/${map}`], { maxBuffer: 1 << 26 });
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
  });

  test("the CLI and the MCP server depend on exactly the client they were built with (they import its /internal, outside semver)", async () => {
    const manifests = await Promise.all(
      tarballs.map(async (tarball) => {
        const { stdout } = await run("tar", ["-xzOf", tarball, "package/package.json"]);
        return JSON.parse(stdout) as { name: string; version: string; dependencies?: Record<string, string> };
      }),
    );
    const client = manifests.find((m) => m.name === "@ango-hub/client");
    const cli = manifests.find((m) => m.name === "@ango-hub/cli");
    const mcp = manifests.find((m) => m.name === "@ango-hub/mcp");
    expect(cli?.dependencies?.["@ango-hub/client"]).toBe(client?.version);
    expect(mcp?.dependencies?.["@ango-hub/client"]).toBe(client?.version);
  });
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
});
