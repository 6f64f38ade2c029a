import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createAngoRuntime, DEFAULT_MAX_RETRIES } from "@ango-hub/client";
import type { Row } from "./stats.js";
import { API_KEY, BENCH_OPERATION, BODY } from "./subjects.js";

const RATE = 400; // requests per second the server allows
const BURST = 10;
const UPDATES = 1000;
const CONCURRENCY = 32;

interface Stats {
  served: number;
  limited: number;
  maxSends: number;
  ids: number;
}

/** 1,000 updates over many project ids at concurrency 32 against a 429-ing server: time vs the ideal. */
export async function rateLimit(): Promise<Row[]> {
  const server = fork(fileURLToPath(new URL("./rate-limited-server.mjs", import.meta.url)), [
    String(RATE),
    String(BURST),
  ]);
  const port = await new Promise<number>((resolve) =>
    server.once("message", (m: { port: number }) => resolve(m.port)),
  );
  try {
    // The client's defaults, retry rule included.
    const runtime = createAngoRuntime({ apiKey: API_KEY, server: `http://127.0.0.1:${port}/v2` });
    let next = 0;
    let failed = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < UPDATES) {
          const i = next++;
          await runtime
            .call(BENCH_OPERATION, { path: { projectId: `project-${i}` }, body: BODY })
            .catch(() => failed++);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    server.send("stats");
    const stats = await new Promise<Stats>((resolve) => server.once("message", (m: Stats) => resolve(m)));
    const ideal = (UPDATES - BURST) / RATE;
    return [
      {
        measure: "rate",
        subject: `${UPDATES} updates, ${stats.ids} project ids, concurrency ${CONCURRENCY}`,
        value: `${seconds.toFixed(2)} s (ideal ${ideal.toFixed(2)} s); ${UPDATES - failed}/${UPDATES} succeeded`,
        ratio: `${(seconds / ideal).toFixed(3)}x ideal`,
        method: `server allows ${RATE}/s (burst ${BURST}), 429 + Retry-After with ms precision; client defaults (maxRetries ${DEFAULT_MAX_RETRIES})`,
      },
      {
        measure: "rate",
        subject: "sends per update",
        value: `max ${stats.maxSends} (rule allows ${DEFAULT_MAX_RETRIES + 1}); ${stats.limited} × 429 in total`,
        method: "server counts sends per request id",
      },
    ];
  } finally {
    server.send("stop");
  }
}
