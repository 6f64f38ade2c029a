import { execFile } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { generate } from "@ango-hub/codegen";
import { clientOutputs, copyClientRuntime } from "@ango-hub/corpus-tests/corpus";
import { bundleSize } from "./bundle-size.js";
import { CONSUMER_COMPILER_OPTIONS } from "./consumer-tsconfig.js";
import { median, type Row, ratio } from "./stats.js";
import { syntheticSpec } from "./synthetic-spec.js";

const run = promisify(execFile);
const SIZES = [1, 50, 500];
const benchDir = fileURLToPath(new URL("..", import.meta.url));
const tsc = join(benchDir, "node_modules/.bin/tsc");

/** A consumer project in .scale/<n>/: generated types, the client runtime, and a file calling one operation. */
async function writeProject(n: number): Promise<{ dir: string; generateMs: number[] }> {
  const dir = join(benchDir, ".scale", String(n));
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, "client"), { recursive: true });
  const spec = syntheticSpec(n);
  const generateMs: number[] = [];
  let files: Awaited<ReturnType<typeof generate>> = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    files = await generate({
      spec,
      specLabel: `synthetic-${n}.json`,
      outputs: { types: "types.d.ts", ...clientOutputs("client") },
      typesModule: "../../types.js",
      runtimeDir: "..",
    });
    generateMs.push(performance.now() - started);
  }
  for (const file of files) {
    await mkdir(join(dir, file.path, ".."), { recursive: true });
    await writeFile(join(dir, file.path), file.contents);
  }
  // The real runtime, pointed at this project's generated types instead of @ango-hub/types.
  await copyClientRuntime(join(dir, "client"), "../types.js");
  const first = n === 1 ? "updateProjectBatches" : "updateResource0";
  await writeFile(
    join(dir, "consumer.ts"),
    `import { createAngoRuntime, ${first} } from "./client/index.js";
const runtime = createAngoRuntime({ apiKey: "k" });
export const run = () => ${first}(runtime, { projectId: "p", body: { batches: [{ name: "Batch 1" }] } });
`,
  );
  await writeFile(
    join(dir, "consumer-all.ts"),
    `import { createAngoClient } from "./client/index.js";
const ango = createAngoClient({ apiKey: "k" });
export const run = () => ango.${first}({ projectId: "p", body: { batches: [{ name: "Batch 1" }] } });
`,
  );
  const compilerOptions = { ...CONSUMER_COMPILER_OPTIONS, noEmit: true };
  await writeFile(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["consumer.ts"] }));
  return { dir, generateMs };
}

async function typecheck(dir: string): Promise<{ seconds: number; memoryKb: number }> {
  const { stdout } = await run(tsc, ["-p", ".", "--extendedDiagnostics"], { cwd: dir }).catch(
    (error: { stdout?: string; stderr?: string }) => {
      throw new Error(`tsc failed in ${dir}:\n${error.stdout ?? ""}${error.stderr ?? ""}`);
    },
  );
  const seconds = Number(/Total time:\s+([\d.]+)s/.exec(stdout)?.[1]);
  const memoryKb = Number(/Memory used:\s+(\d+)K/.exec(stdout)?.[1]);
  return { seconds, memoryKb };
}

export async function codegenScale(): Promise<Row[]> {
  const rows: Row[] = [];
  const results: { n: number; gen: number; tsc: number; mem: number; tree: number; all: number }[] = [];
  for (const n of SIZES) {
    const { dir, generateMs } = await writeProject(n);
    const checks = [];
    for (let i = 0; i < 3; i++) checks.push(await typecheck(dir));
    const tree = await bundleSize(await readFile(join(dir, "consumer.ts"), "utf8"), dir);
    const all = await bundleSize(await readFile(join(dir, "consumer-all.ts"), "utf8"), dir);
    results.push({
      n,
      gen: median(generateMs),
      tsc: median(checks.map((c) => c.seconds)),
      mem: median(checks.map((c) => c.memoryKb)),
      tree: tree.gzipped,
      all: all.gzipped,
    });
  }
  await rm(join(benchDir, ".scale"), { recursive: true, force: true });
  const base = results[0] as (typeof results)[number];
  for (const r of results) {
    const label = r.n === 1 ? "seed spec (1 op)" : `${r.n} ops`;
    rows.push(
      {
        measure: "scale",
        subject: `generate, ${label}`,
        value: `${r.gen.toFixed(0)} ms`,
        ratio: ratio(r.gen, base.gen),
        method: "median of 5 generate() runs (openapi-typescript + emitters + Biome format); ratio vs seed",
      },
      {
        measure: "scale",
        subject: `tsc --noEmit consumer, ${label}`,
        value: `${r.tsc.toFixed(2)} s, ${(r.mem / 1024).toFixed(0)} MB`,
        ratio: ratio(r.tsc, base.tsc),
        method:
          "median of 3 runs, --extendedDiagnostics Total time / Memory used; one file calling one operation",
      },
      {
        measure: "scale",
        subject: `bundle, runtime + 1 standalone op, ${label}`,
        value: `${(r.tree / 1024).toFixed(2)} kB gz`,
        ratio: ratio(r.tree, base.tree),
        method: "esbuild --minify + gzip of createAngoRuntime + one imported operation (tree-shaking)",
      },
      {
        measure: "scale",
        subject: `bundle, createAngoClient (all ops bound), ${label}`,
        value: `${(r.all / 1024).toFixed(2)} kB gz`,
        ratio: ratio(r.all, base.all),
        method: "same, with createAngoClient, which puts every operation on the client",
      },
    );
  }
  return rows;
}
