// Runs in its own process so the client under test has the event loop to itself. Answers every
// request with the docs example response over keep-alive; prints its port when ready.

import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";

/** A file of the spec package (the vendor's document and the docs' examples), by name. */
const specFile = (name) => createRequire(import.meta.url).resolve(`@ango-hub/spec/${name}`);

const body = readFileSync(specFile("examples/docs-example-response.json"), "utf8");
const minified = JSON.stringify(JSON.parse(body));
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(minified) });
    res.end(minified);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send?.({ port: server.address().port }));
process.on("message", (message) => {
  if (message === "stop") server.close(() => process.exit(0));
});
process.on("disconnect", () => process.exit(0));
