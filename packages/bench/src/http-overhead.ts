import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { median, type Row, ratio } from "./stats.js";
import { angoClient, type Call, plainOpenapiFetch, rawFetch, rawFetchWithProtections } from "./subjects.js";

const ROUNDS = 15;

async function sequential(call: Call, count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) await call(`p${i % 50}`);
  return ((performance.now() - started) * 1000) / count;
}

async function concurrent(call: Call, count: number, concurrency: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await call(`p${next++ % 50}`);
    }),
  );
  return ((performance.now() - started) * 1000) / count;
}

/** µs per call over keep-alive HTTP to a server in another process: medians of ROUNDS interleaved rounds. */
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
  const results = new Map<string, { seq: number[]; conc: number[] }>(
    subjects.map(([n]) => [n, { seq: [], conc: [] }]),
  );
  try {
    for (const [, call] of subjects) await sequential(call, 300); // warm-up: JIT and keep-alive sockets
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order each round so no subject always runs first or last.
      for (let k = 0; k < subjects.length; k++) {
        const [name, call] = subjects[(round + k) % subjects.length] as [string, Call];
        const entry = results.get(name);
        entry?.seq.push(await sequential(call, 500));
        entry?.conc.push(await concurrent(call, 2000, 32));
      }
    }
  } finally {
    server.send("stop");
  }
  const floor = results.get("hand-written fetch") as { seq: number[]; conc: number[] };
  const protectedFloor = results.get(subjects[1]?.[0] ?? "") as { seq: number[]; conc: number[] };
  const rows: Row[] = [];
  for (const mode of ["seq", "conc"] as const) {
    const base = median(floor[mode]);
    const protectedBase = median(protectedFloor[mode]);
    for (const [name] of subjects) {
      const value = median(results.get(name)?.[mode] ?? []);
      rows.push({
        measure: "http",
        subject: `${name}, ${mode === "seq" ? "sequential" : "concurrency 32"}`,
        value: `${value.toFixed(1)} µs/call (${ratio(value, protectedBase)} vs protected)`,
        ratio: ratio(value, base),
        method: `median of ${ROUNDS} rounds × ${mode === "seq" ? "500 sequential" : "2000 calls, 32 in flight"}; server in a child process; ratio vs hand-written fetch`,
      });
    }
  }
  return rows;
}
