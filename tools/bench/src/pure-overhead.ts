import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { median, pairedRatio, type Row } from "./stats.js";
import { angoClient, type Call, plainOpenapiFetch, rawFetch, rawFetchWithProtections } from "./subjects.js";

/** A file of the spec package (the vendor's document and the docs' examples), by name. */
const specFile = (name: string) => createRequire(import.meta.url).resolve(`@ango-hub/spec/${name}`);

const ROUNDS = 9;
const CALLS = 20_000;
const responseBody = JSON.stringify(
  JSON.parse(readFileSync(specFile("examples/docs-example-response.json"), "utf8")),
);

/** A fetch that answers from memory: what is left is the client's own cost. */
async function memoryFetch(): Promise<Response> {
  return new Response(responseBody, {
    status: 200,
    headers: { "content-type": "application/json", "content-length": String(responseBody.length) },
  });
}

async function opsPerSecond(call: Call): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) await call("p1");
  return CALLS / ((performance.now() - started) / 1000);
}

export async function pureOverhead(): Promise<Row[]> {
  const base = "https://bench.invalid/v2"; // never contacted: memoryFetch answers every request
  const subjects: [string, Call][] = [
    ["hand-written fetch wrapper", rawFetch(base, memoryFetch)],
    // The floor for any client that gives each attempt a timeout and never follows redirects itself.
    ["hand-written wrapper + timeout signal + redirect: manual", rawFetchWithProtections(base, memoryFetch)],
    ["openapi-fetch + auth middleware", plainOpenapiFetch(base, memoryFetch)],
    ["@ango-hub/client (defaults)", angoClient(base, memoryFetch)],
  ];
  const perRound = new Map<string, number[]>(subjects.map(([n]) => [n, []]));
  for (const [, call] of subjects) for (let i = 0; i < 2000; i++) await call("warm");
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < subjects.length; k++) {
      const [name, call] = subjects[(round + k) % subjects.length] as [string, Call];
      perRound.get(name)?.push(await opsPerSecond(call));
    }
  }
  const [handWritten, protectedWrapper, openapiFetch] = subjects.map(
    ([name]) => perRound.get(name) as number[],
  ) as [number[], number[], number[]];
  return subjects.map(([name]) => {
    const own = perRound.get(name) as number[];
    return {
      measure: "pure",
      subject: name,
      value: `${Math.round(median(own)).toLocaleString("en")} ops/s (${pairedRatio(own, handWritten).toFixed(3)}x the hand-written wrapper, ${pairedRatio(own, protectedWrapper).toFixed(3)}x with its protections)`,
      ratio: `${pairedRatio(own, openapiFetch).toFixed(3)}x`,
      method: `${ROUNDS} rounds × ${CALLS.toLocaleString("en")} sequential calls, fetch answered from memory; ops/s: median; ratio: median of per-round ratios of ops/s, vs openapi-fetch`,
    };
  });
}
