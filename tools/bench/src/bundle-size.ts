import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { type Row, ratio } from "./stats.js";

/** Minified ESM bundle of `source` (resolved from this package), and its gzipped size in bytes. */
export async function bundleSize(
  source: string,
  resolveDir: string,
): Promise<{ minified: number; gzipped: number }> {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

export const CONSUMER_SOURCES = {
  "openapi-fetch alone (one POST)": `import createClient from "openapi-fetch";
const client = createClient({ baseUrl: "https://x/v2" });
export const run = () => client.POST("/batches/{projectId}", { params: { path: { projectId: "p" } }, body: { batches: [] } });`,
  "@ango-hub/client: createAngoClient + one call": `import { createAngoClient } from "@ango-hub/client";
const ango = createAngoClient({ apiKey: "k" });
export const run = () => ango.updateProjectBatches({ projectId: "p", body: { batches: [] } });`,
  "@ango-hub/client: createAngoRuntime + standalone call": `import { createAngoRuntime, updateProjectBatches } from "@ango-hub/client";
const runtime = createAngoRuntime({ apiKey: "k" });
export const run = () => updateProjectBatches(runtime, { projectId: "p", body: { batches: [] } });`,
};

export async function bundleSizes(): Promise<Row[]> {
  const dir = new URL(".", import.meta.url).pathname;
  const sizes = new Map<string, { minified: number; gzipped: number }>();
  for (const [name, source] of Object.entries(CONSUMER_SOURCES))
    sizes.set(name, await bundleSize(source, dir));
  const base = sizes.get("openapi-fetch alone (one POST)")?.gzipped ?? 1;
  return [...sizes].map(([name, size]) => ({
    measure: "bundle",
    subject: name,
    value: `${(size.gzipped / 1024).toFixed(2)} kB gz (${(size.minified / 1024).toFixed(1)} kB min)`,
    ratio: ratio(size.gzipped, base),
    method:
      "esbuild bundle --minify (browser, es2022) of a consumer file, gzip -9; ratio vs openapi-fetch alone",
  }));
}
