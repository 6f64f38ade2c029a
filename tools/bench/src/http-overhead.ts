import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { median, pairedRatio, type Row } from "./stats.js";
import { angoClient, type Call, plainOpenapiFetch, rawFetch, rawFetchWithProtections } from "./subjects.js";

const ROUNDS = 31;
const SEQUENTIAL_CALLS = 300;
const CONCURRENT_CALLS = 1200;
/** Calls per subject before measuring: the first few thousand run up to twice as slow (both processes warming). */
const WARM_UP_CALLS = 3000;

/** Per call: wall-clock µs, and µs of this process's CPU (user + system) — the client's own cost. */
interface Cost {
  wall: number;
  cpu: number;
}

async function measure(count: number, run: () => Promise<void>): Promise<Cost> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await run();
  const wall = ((performance.now() - started) * 1000) / count;
  const cpu = process.cpuUsage(cpuBefore);
  return { wall, cpu: (cpu.user + cpu.system) / count };
}

function sequential(call: Call, count: number): Promise<Cost> {
  return measure(count, async () => {
    for (let i = 0; i < count; i++) await call(`p${i % 50}`);
  });
}

function concurrent(call: Call, count: number, concurrency: number): Promise<Cost> {
  let next = 0;
  return measure(count, async () => {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) await call(`p${next++ % 50}`);
      }),
    );
  });
}

const MODES = {
  seq: { label: "sequential", run: (call: Call) => sequential(call, SEQUENTIAL_CALLS) },
  conc: { label: "concurrency 32", run: (call: Call) => concurrent(call, CONCURRENT_CALLS, 32) },
} as const;

/**
 * Per-call cost over keep-alive HTTP to a server in another process. Every round measures every subject
 * back to back, so each round gives its own ratios; medians of those paired ratios cancel the drift a
 * shared machine adds between rounds. Wall time includes the server; CPU time is the client process only.
 */
export async function httpOverhead(): Promise<Row[]> {
  const server = fork(fileURLToPath(new URL("./loopback-server.mjs", import.meta.url)), { stdio: "inherit" });
  const port = await new Promise<number>((resolve) =>
    server.once("message", (m: { port: number }) => resolve(m.port)),
  );
  const base = `http://127.0.0.1:${port}/v2`;
  const subjects: [string, Call][] = [
    ["hand-written fetch", rawFetch(base)],
    ["hand-written fetch + timeout signal + redirect: manual", rawFetchWithProtections(base)],
    ["openapi-fetch + auth middleware", plainOpenapiFetch(base)],
    ["@ango-hub/client (defaults)", angoClient(base)],
  ];
  const costs = new Map(subjects.map(([name]) => [name, { seq: [] as Cost[], conc: [] as Cost[] }]));
  try {
    for (const [, call] of subjects) await sequential(call, WARM_UP_CALLS);
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order each round so no subject always runs first or last.
      for (let k = 0; k < subjects.length; k++) {
        const [name, call] = subjects[(round + k) % subjects.length] as [string, Call];
        for (const mode of ["seq", "conc"] as const)
          costs.get(name)?.[mode].push(await MODES[mode].run(call));
      }
    }
  } finally {
    server.send("stop");
  }
  const [bare, guarded] = subjects.map(([name]) => costs.get(name)) as [Timings, Timings];
  const rows: Row[] = [];
  for (const mode of ["seq", "conc"] as const) {
    for (const [name] of subjects) {
      const own = (costs.get(name) as Timings)[mode];
      const paired = (baseline: Cost[], key: keyof Cost) =>
        pairedRatio(
          own.map((cost) => cost[key]),
          baseline.map((cost) => cost[key]),
        ).toFixed(3);
      const mid = (key: keyof Cost) => median(own.map((cost) => cost[key])).toFixed(1);
      rows.push({
        measure: "http",
        subject: `${name}, ${MODES[mode].label}`,
        value: `${mid("wall")} µs/call (${paired(guarded[mode], "wall")}x protected); CPU ${mid("cpu")} µs/call (${paired(guarded[mode], "cpu")}x protected)`,
        ratio: `${paired(bare[mode], "wall")}x`,
        method: `${ROUNDS} rounds × ${mode === "seq" ? `${SEQUENTIAL_CALLS} sequential` : `${CONCURRENT_CALLS} calls, 32 in flight`}; server in a child process; µs: medians; ratios: medians of per-round ratios; ratio column: wall time vs hand-written fetch`,
      });
    }
  }
  return rows;
}

type Timings = { seq: Cost[]; conc: Cost[] };
