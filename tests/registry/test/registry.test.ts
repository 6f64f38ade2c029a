// The release as users get it: the release workflow's own commands (`changeset version`, `changeset
// publish`) publish the public packages to a Verdaccio registry on 127.0.0.1, and fresh projects install
// them by version with npm and with pnpm and use them from ESM, CommonJS and strict TypeScript.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  callScript,
  type ExampleCall,
  exampleCall,
  typedCallSource,
} from "@ango-hub/corpus-tests/example-call";
import { specDocument } from "@ango-hub/spec/document";
import { freePort } from "@ango-hub/test-support/free-port";
import { publishedPackages } from "@ango-hub/test-support/published";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../../", import.meta.url));
const here = fileURLToPath(new URL("../", import.meta.url));
/** The published packages' folders under packages/. */
const PUBLIC = publishedPackages(root).map((p) => p.dir);

let work: string;
let registry: string;
let verdaccio: ChildProcess | undefined;
let version: string;

/** Runs a command and returns its stdout; a failure throws with its output, so the cause is visible. */
async function sh(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  try {
    const { stdout } = await run(command, args, { cwd, env, maxBuffer: 1 << 26 });
    return stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${stdout ?? ""}\n${stderr ?? ""}`);
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "ango-registry-"));
  // Verdaccio's current major needs Node 22: the newest 22 from the npm registry runs it.
  const node22 = (await sh("bash", [join(root, "scripts/node-binary.sh"), "22"], root)).trim();
  const port = await freePort();
  registry = `http://127.0.0.1:${port}/`;
  const upstream = (await sh("npm", ["config", "get", "registry"], root)).trim();
  // Verdaccio reaches the registry with the CA npm is configured with (machines whose TLS is re-signed).
  const cafile = (await sh("npm", ["config", "get", "cafile"], root)).trim();
  const caEnv =
    !process.env.NODE_EXTRA_CA_CERTS && cafile && cafile !== "null" && cafile !== "undefined"
      ? { NODE_EXTRA_CA_CERTS: cafile }
      : {};
  await writeFile(
    join(work, "verdaccio.yaml"),
    `storage: ${join(work, "storage")}
auth:
  htpasswd:
    file: ${join(work, "htpasswd")}
    max_users: 10
uplinks:
  upstream:
    url: ${upstream}
packages:
  "@ango-hub/*":
    access: $all
    publish: $authenticated
  "**":
    access: $all
    proxy: upstream
log: { type: stdout, format: pretty, level: error }
`,
  );
  verdaccio = spawn(
    node22,
    [
      join(here, "node_modules/verdaccio/bin/verdaccio"),
      "--config",
      join(work, "verdaccio.yaml"),
      "--listen",
      `127.0.0.1:${port}`,
    ],
    { stdio: "ignore", env: { ...process.env, ...caEnv } },
  );
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`${registry}-/ping`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const user = await fetch(`${registry}-/user/org.couchdb.user:release`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "release", password: "release-password" }),
  });
  const { token } = (await user.json()) as { token: string };
  const npmrc = `registry=${registry}\n//127.0.0.1:${port}/:_authToken=${token}\n`;

  // A copy of the release inputs: the public packages as built, the changesets and the workspace files.
  const release = join(work, "release");
  await mkdir(join(release, "packages"), { recursive: true });
  for (const file of ["package.json", "pnpm-workspace.yaml", ".changeset"])
    await cp(join(root, file), join(release, file), { recursive: true });
  // The public packages and the workspace packages they name with `workspace:` (build and test helpers
  // they keep as devDependencies, private, never published), each at its own place in the workspace.
  for (const dir of await workspaceClosure(PUBLIC.map((name) => join("packages", name)))) {
    await cp(join(root, dir), join(release, dir), {
      recursive: true,
      filter: (source) => !source.includes("node_modules") && !source.includes(".generated"),
    });
  }
  await writeFile(join(release, ".npmrc"), npmrc);
  // `changeset publish` runs `pnpm publish` by name: the pnpm scripts/run.sh installed comes first.
  const env = {
    ...process.env,
    npm_config_registry: registry,
    PATH: `${join(root, ".tools/node_modules/.bin")}:${process.env.PATH ?? ""}`,
  };
  // The workflow installs before it publishes: pnpm publish turns `workspace:^` into the real version
  // from the linked packages. The packages' own dependencies come from pnpm's store.
  const manifest = JSON.parse(await readFile(join(release, "package.json"), "utf8"));
  manifest.devDependencies = {};
  await writeFile(join(release, "package.json"), JSON.stringify(manifest));
  // From the registry this machine installs from, as the workflow installs from npm's. Through Verdaccio,
  // every build and test helper's dependencies were proxied and stored again: this test took 93 CPU-s
  // alone, 73 now.
  await sh(
    "pnpm",
    ["install", "--ignore-scripts", "--prefer-offline", "--no-frozen-lockfile", `--registry=${upstream}`],
    release,
    env,
  );
  const changeset = join(root, "node_modules/@changesets/cli/bin.js");
  await sh(process.execPath, [changeset, "version"], release, env);
  await sh(process.execPath, [changeset, "publish"], release, env);
  version = JSON.parse(await readFile(join(release, "packages/client/package.json"), "utf8")).version;
}, 300_000);

afterAll(async () => {
  verdaccio?.kill();
  if (work) await rm(work, { recursive: true, force: true });
});

// The call the ESM and TypeScript tests make: one the spec allows, picked from the generated list.
const picked = await exampleCall(specDocument());
const example: ExampleCall | undefined = "call" in picked ? picked.call : undefined;
const noCall = "skipped" in picked ? ` — skipped: ${picked.skipped}` : "";

const CJS = `const { createAngoClient, AngoConfigError } = require("@ango-hub/client");
try { createAngoClient({ apiKey: "k", server: "mars" }); } catch (error) { console.log(error instanceof AngoConfigError); }
`;

describe("published with changesets to a registry", () => {
  test("every public package is on the registry at the version changesets gave it", async () => {
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    for (const name of PUBLIC) {
      const packument = (await (await fetch(`${registry}@ango-hub%2f${name}`)).json()) as {
        "dist-tags": { latest: string };
      };
      expect(packument["dist-tags"].latest).toBe(version);
    }
  });

  describe.each(["npm", "pnpm"] as const)("installed by version with %s", (manager) => {
    let project: string;
    beforeAll(async () => {
      project = join(work, `consumer-${manager}`);
      await mkdir(project, { recursive: true });
      await writeFile(
        join(project, "package.json"),
        JSON.stringify({ name: `consumer-${manager}`, private: true, type: "module" }),
      );
      await writeFile(join(project, ".npmrc"), `registry=${registry}\n`);
      const specs = PUBLIC.map((name) => `@ango-hub/${name}@${version}`);
      // --registry on the command line: under `pnpm run`, an inherited npm_config_registry would win over .npmrc.
      const flags = [`--registry=${registry}`];
      if (manager === "npm")
        await sh(
          "npm",
          ["install", "--no-audit", "--no-fund", "--loglevel=error", ...flags, ...specs],
          project,
        );
      else
        await sh("pnpm", ["add", ...flags, ...specs], project, {
          ...process.env,
          PATH: `${join(root, ".tools/node_modules/.bin")}:${process.env.PATH ?? ""}`,
        });
    }, 240_000);

    test("the ango command of the same release starts and names its version", async () => {
      const bin = join(project, "node_modules/.bin/ango");
      expect(await sh(bin, ["--version"], project)).toMatch(
        new RegExp(`^@ango-hub/cli ${version.replaceAll(".", "\\.")} `),
      );
    });

    test("the ango-mcp command of the same release starts and names its version", async () => {
      const bin = join(project, "node_modules/.bin/ango-mcp");
      expect(await sh(bin, ["--version"], project)).toBe(`@ango-hub/mcp ${version}\n`);
    });

    test.skipIf(!example)(`ESM: a call against the mock from the same release${noCall}`, async () => {
      await writeFile(
        join(project, "esm.mjs"),
        callScript(example as ExampleCall, "esm", "registry-key-1234"),
      );
      expect(JSON.parse(await sh(process.execPath, ["esm.mjs"], project))).toEqual([
        [example?.operation, true, true],
      ]);
    });

    test("CommonJS: require() and the typed errors", async () => {
      await writeFile(join(project, "cjs.cjs"), CJS);
      expect((await sh(process.execPath, ["cjs.cjs"], project)).trim()).toBe("true");
    });

    test.skipIf(!example)(
      `strict TypeScript: types resolve, a misspelt field is an error${noCall}`,
      async () => {
        await writeFile(join(project, "consumer.ts"), typedCallSource(example as ExampleCall));
        await writeFile(
          join(project, "tsconfig.json"),
          JSON.stringify({
            compilerOptions: {
              strict: true,
              noEmit: true,
              target: "es2022",
              module: "nodenext",
              moduleResolution: "nodenext",
              lib: ["es2022", "dom"],
              types: [],
              skipLibCheck: false,
            },
            files: ["consumer.ts"],
          }),
        );
        await sh(process.execPath, [join(here, "node_modules/typescript/bin/tsc"), "-p", "."], project);
      },
    );
  });
});

/**
 * `dirs` and every workspace package they depend on through `workspace:`, transitively, as repo paths
 * (the folders pnpm-workspace.yaml lists: spec, packages/*, tests/*, examples/*, tools/*).
 */
async function workspaceClosure(dirs: string[]): Promise<string[]> {
  const byName = new Map<string, string>([["@ango-hub/spec", "spec"]]);
  for (const group of ["packages", "tests", "examples", "tools"]) {
    for (const name of await readdir(join(root, group)).catch(() => [] as string[])) {
      const manifest = await readFile(join(root, group, name, "package.json"), "utf8").catch(() => undefined);
      if (manifest) byName.set(JSON.parse(manifest).name, join(group, name));
    }
  }
  const seen = new Set<string>();
  const queue = [...dirs];
  while (queue.length > 0) {
    const dir = queue.pop() as string;
    if (seen.has(dir)) continue;
    seen.add(dir);
    const manifest = JSON.parse(await readFile(join(root, dir, "package.json"), "utf8"));
    for (const [name, range] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies }))
      if (String(range).startsWith("workspace:") && byName.has(name)) queue.push(byName.get(name) as string);
  }
  return [...seen];
}
