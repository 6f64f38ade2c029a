// A loopback server that allows RATE requests per second with bursts of BURST (GCRA) and answers the
// rest with 429 and a Retry-After (seconds, millisecond precision) naming a slot it reserves for that
// request, so callers that honour Retry-After are served when they come back. Counts sends per request.

import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";

/** A file of the spec package (the vendor's document and the docs' examples), by name. */
const specFile = (name) => createRequire(import.meta.url).resolve(`@ango-hub/spec/${name}`);

const [rate, burst] = process.argv.slice(2).map(Number);
const ok = JSON.stringify(JSON.parse(readFileSync(specFile("examples/docs-example-response.json"), "utf8")));
const interval = 1000 / rate;
const tolerance = (burst - 1) * interval;
let theoreticalArrival = 0; // GCRA: when the next request would be on schedule
const reservations = new Map();
const sends = new Map();
let served = 0;
let limited = 0;

function decide(id, now) {
  const reserved = reservations.get(id);
  if (reserved !== undefined) {
    if (now >= reserved - 1) {
      reservations.delete(id);
      return 0;
    }
    return reserved - now;
  }
  const allowedAt = theoreticalArrival - tolerance;
  theoreticalArrival = Math.max(theoreticalArrival, now) + interval;
  if (now >= allowedAt) return 0;
  reservations.set(id, allowedAt);
  return allowedAt - now;
}

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    const id = req.url;
    sends.set(id, (sends.get(id) ?? 0) + 1);
    const wait = decide(id, performance.now());
    if (wait === 0) {
      served++;
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(ok) });
      return res.end(ok);
    }
    limited++;
    res.writeHead(429, { "content-type": "application/json", "retry-after": (wait / 1000).toFixed(3) });
    res.end('{"status":"error","message":"rate limited"}');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send?.({ port: server.address().port }));
process.on("message", (message) => {
  if (message === "stats")
    process.send?.({ served, limited, maxSends: Math.max(...sends.values()), ids: sends.size });
  if (message === "stop") server.close(() => process.exit(0));
});
process.on("disconnect", () => process.exit(0));
