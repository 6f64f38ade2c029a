import { gzipSync } from "node:zlib";
import { operationDescriptors } from "@ango-hub/client/contract";
import { build, type OutputFile } from "esbuild";
import { type Row, ratio } from "./stats.js";

/** The name the consumer's source is bundled under: its output is the one whose entry point this is. */
const CONSUMER_FILE = "consumer.ts";

/** A consumer's bundle, split into what loads at start and what loads only on demand. */
export interface ConsumerBundle {
  /** The entry and every chunk it imports statically, transitively. */
  atStart: OutputFile[];
  /** Chunks reached by `import()` alone (e.g. response plans). */
  onDemand: OutputFile[];
}

/**
 * An ESM bundle of `source` (resolved from `resolveDir`) for the browser, split as a consumer's bundler
 * splits it (`splitting: false`: one file, as a worker, a script or a bundler without splitting has it).
 */
export async function bundleConsumer(
  source: string,
  resolveDir: string,
  { splitting = true, minify = true }: { splitting?: boolean; minify?: boolean } = {},
): Promise<ConsumerBundle> {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: "ts", sourcefile: CONSUMER_FILE },
    bundle: true,
    minify,
    format: "esm",
    platform: "browser",
    target: "es2022",
    splitting,
    outdir: "/bundle",
    metafile: true,
    write: false,
    logLevel: "silent",
  });
  const outputs = result.metafile.outputs;
  // The consumer's own output: chunks reached by import() are entry points of their own in the metafile,
  // and with many operations one of them may come first.
  const entry = Object.keys(outputs).find((path) => outputs[path]?.entryPoint?.endsWith(CONSUMER_FILE));
  if (entry === undefined) throw new Error("esbuild wrote no output for the consumer's file");
  const initial = new Set<string>();
  const visit = (path: string) => {
    if (initial.has(path)) return;
    initial.add(path);
    for (const imported of outputs[path]?.imports ?? [])
      if (imported.kind === "import-statement") visit(imported.path);
  };
  visit(entry);
  // Metafile paths are relative to the working directory, output files absolute: matched by file name.
  const fileName = (path: string) => path.slice(path.lastIndexOf("/") + 1);
  const initialNames = new Set([...initial].map(fileName));
  const atStart = result.outputFiles.filter((file) => initialNames.has(fileName(file.path)));
  return { atStart, onDemand: result.outputFiles.filter((file) => !atStart.includes(file)) };
}

/**
 * bundleConsumer's sizes, minified: `minified`/`gzipped` is what loads at start; `lazy` is what loads
 * only on demand, gzipped per chunk and summed. Sizes in bytes.
 */
export async function bundleSize(
  source: string,
  resolveDir: string,
  { splitting = true }: { splitting?: boolean } = {},
): Promise<{ minified: number; gzipped: number; lazy: number }> {
  const { atStart, onDemand } = await bundleConsumer(source, resolveDir, { splitting });
  const gzipped = (files: OutputFile[]) =>
    files.reduce((sum, file) => sum + gzipSync(file.contents, { level: 9 }).length, 0);
  return {
    minified: atStart.reduce((sum, file) => sum + file.contents.length, 0),
    gzipped: gzipped(atStart),
    lazy: gzipped(onDemand),
  };
}

/**
 * A consumer of `clientEntry` making one JSON call with a descriptor of its own, written as the codegen
 * writes one (a path parameter, a JSON body; the client's jsonBody inline, as the contract entry would bring the
 * checker along): the runtime's cost whatever operations the spec has. The consumer tests' size budget,
 * bundled as one file.
 */
export function runtimeCallSource(clientEntry: string): string {
  return `import { createAngoRuntime } from ${JSON.stringify(clientEntry)};
const jsonBody = (body) => {
  const jsonText = JSON.stringify(body);
  return { body: jsonText, jsonText };
};
const runtime = createAngoRuntime({ apiKey: "k" });
const operation = {
  operationId: "updateItem",
  method: "POST",
  path: "/items/{itemId}",
  params: [{ name: "itemId", in: "path" }],
  body: { mediaType: "application/json", required: true, encode: jsonBody },
  response: "json",
};
export const run = (itemId, body) => runtime.call(operation, { path: { itemId }, body });`;
}

/** The operation the client's rows bundle: the first of the generated list, whichever the spec has. */
const measured: string | undefined = Object.keys(operationDescriptors).sort()[0];

export const CONSUMER_SOURCES: Record<string, string> = {
  "openapi-fetch alone (one POST)": `import createClient from "openapi-fetch";
const client = createClient({ baseUrl: "https://x/v2" });
export const run = () => client.POST("/batches/{projectId}", { params: { path: { projectId: "p" } }, body: { batches: [] } });`,
  "@ango-hub/client: createAngoRuntime + one JSON call (the size budget's measure)":
    runtimeCallSource("@ango-hub/client"),
  "@ango-hub/client: the same, with response validation imported": `${runtimeCallSource("@ango-hub/client")}
export { responseValidation } from "@ango-hub/client/validation";`,
  ...(measured
    ? {
        [`@ango-hub/client: createAngoClient + ${measured}`]: `import { createAngoClient } from "@ango-hub/client";
const ango = createAngoClient({ apiKey: "k" });
export const run = (input) => ango.${measured}(input);`,
        [`@ango-hub/client: createAngoRuntime + standalone ${measured}`]: `import { createAngoRuntime, ${measured} } from "@ango-hub/client";
const runtime = createAngoRuntime({ apiKey: "k" });
export const run = (input) => ${measured}(runtime, input);`,
      }
    : {}),
};

export async function bundleSizes(): Promise<Row[]> {
  const dir = new URL(".", import.meta.url).pathname;
  const sizes = new Map<string, { minified: number; gzipped: number }>();
  for (const [name, source] of Object.entries(CONSUMER_SOURCES)) {
    sizes.set(name, await bundleSize(source, dir));
    sizes.set(`${name}, one file`, await bundleSize(source, dir, { splitting: false }));
  }
  const base = sizes.get("openapi-fetch alone (one POST)")?.gzipped ?? 1;
  return [...sizes].map(([name, size]) => ({
    measure: "bundle",
    subject: name,
    value: `${(size.gzipped / 1024).toFixed(2)} kB gz (${(size.minified / 1024).toFixed(1)} kB min)`,
    ratio: ratio(size.gzipped, base),
    method:
      "esbuild bundle --minify (browser, es2022) of a consumer file, split (start-up load) or as one file, gzip -9; ratio vs openapi-fetch alone, split",
  }));
}
