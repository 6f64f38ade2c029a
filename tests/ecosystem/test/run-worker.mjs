// Runs worker.mjs in workerd through Miniflare (which needs Node 22: the test starts this file with it):
// bundles it from the project that installed the packed packages, dispatches one request, prints the
// worker's answer. Usage: node run-worker.mjs <project dir> <scenario server URL> <key> <flaky id>
import { build } from "esbuild";
import { Miniflare } from "miniflare";

const [project, server, key, flaky] = process.argv.slice(2);
const bundle = await build({
  entryPoints: [`${project}/worker.mjs`],
  bundle: true,
  format: "esm",
  platform: "browser",
  conditions: ["workerd", "worker", "browser"],
  target: "es2022",
  write: false,
  logLevel: "silent",
});
const miniflare = new Miniflare({
  modules: true,
  script: bundle.outputFiles[0].text,
  compatibilityDate: "2026-07-01",
  // The worker's outbound requests leave through this process, so they reach the scenario server on
  // 127.0.0.1 (workerd's own network refuses private addresses).
  // Miniflare hands over its own Request class, which this process's fetch does not take: copied.
  outboundService: async (request) =>
    fetch(request.url, {
      method: request.method,
      // Hop-by-hop and length headers are the new request's own to set.
      headers: [...request.headers].filter(
        ([name]) =>
          !["host", "connection", "keep-alive", "transfer-encoding", "content-length"].includes(name),
      ),
      body: ["GET", "HEAD"].includes(request.method) ? undefined : await request.arrayBuffer(),
      redirect: "manual",
    }),
});
try {
  const query = new URLSearchParams({ server, key, flaky });
  const response = await miniflare.dispatchFetch(`http://worker.test/?${query}`);
  process.stdout.write(`${await response.text()}\n`);
} finally {
  await miniflare.dispose();
}
