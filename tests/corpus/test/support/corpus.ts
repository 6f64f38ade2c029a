// The corpus: every OpenAPI 3.0 JSON document of @readme/oas-examples, merged into the Ango spec the
// way a grown vendor document would look (Ango's servers and key scheme kept, their operations added).
import { execFile } from "node:child_process";
import { mkdir, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, posix, resolve } from "node:path";
import { runInThisContext } from "node:vm";
import { type GeneratedFile, generateWithNotices, type ModelNotice, REPO_TARGETS } from "@ango-hub/codegen";
import { nativeTsc } from "@ango-hub/test-support/native-tsc";
import { seedDocument } from "@ango-hub/test-support/seed";
import { build } from "esbuild";

// biome-ignore lint/suspicious/noExplicitAny: walking untyped OpenAPI documents
export type Json = Record<string, any>;

const require = createRequire(import.meta.url);
const examplesDir = join(dirname(require.resolve("@readme/oas-examples/package.json")), "3.0", "json");
/**
 * The seed document, frozen (@ango-hub/test-support/seed): the corpus grows a copy of it, so the
 * vendor's next document (which may bring the same operations) changes nothing here.
 */
export const angoSpec: Json = seedDocument();
/** The client runtime's source, copied beside each generated client. */
const clientSrc = join(dirname(require.resolve("@ango-hub/client/package.json")), "src");
/** Where each document's generated client is written: `.generated/` of the package running (ignored by git). */
export const outDir = join(process.cwd(), ".generated");

export async function corpusDocuments(): Promise<{ name: string; document: Json }[]> {
  const names = (await readdir(examplesDir)).filter((name) => name.endsWith(".json")).sort();
  return Promise.all(
    names.map(async (name) => ({
      name: name.replace(/\.json$/, ""),
      document: JSON.parse(await readFile(join(examplesDir, name), "utf8")),
    })),
  );
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * The example document grown into Ango's: its paths and components beside Ango's own, under Ango's
 * servers and API key. Its own security requirements are dropped, as Ango has one key for everything.
 */
export function mergeIntoAngo(example: Json): Json {
  const merged = structuredClone(example) as Json;
  merged.openapi = "3.0.3";
  merged.servers = angoSpec.servers;
  merged.security = angoSpec.security;
  merged.paths = { ...angoSpec.paths, ...merged.paths };
  for (const item of Object.values(merged.paths as Json)) {
    for (const method of HTTP_METHODS) if (item?.[method]) delete item[method].security;
  }
  merged.components ??= {};
  const components = merged.components as Json;
  for (const [section, entries] of Object.entries(angoSpec.components as Json)) {
    components[section] = { ...(entries as Json), ...components[section] };
  }
  components.securitySchemes = angoSpec.components.securitySchemes;
  return merged;
}

/** The seed document with another document's paths and components added beside its own. */
export function grow(seed: Json, extra: Json): Json {
  const grown = structuredClone(seed);
  grown.paths = { ...grown.paths, ...extra.paths };
  for (const [section, entries] of Object.entries(extra.components as Json)) {
    grown.components[section] = { ...grown.components[section], ...(entries as Json) };
  }
  return grown;
}

/**
 * The vendor's API as its own SDK and docs describe it (test/fixtures/ango-vendor.additions.json, 46
 * operations) grown into the frozen seed: the document the vendor's next release most likely is.
 */
export async function vendorDocument(): Promise<Json> {
  const additions = JSON.parse(
    await readFile(new URL("../fixtures/ango-vendor.additions.json", import.meta.url), "utf8"),
  );
  return grow(angoSpec, additions);
}

export interface GeneratedClient {
  dir: string;
  files: GeneratedFile[];
  notices: ModelNotice[];
}

/** Writes `<outDir>/<name>/`: the generated types and a copy of the client runtime with its generated files. */
export async function generateClient(
  name: string,
  document: Json,
  sharedRuntime?: string,
): Promise<GeneratedClient> {
  const dir = join(outDir, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, "runtime", "generated"), { recursive: true });
  const { files, notices } = await generateWithNotices({
    spec: document,
    specLabel: `@readme/oas-examples/3.0/json/${name}.json merged into the Ango spec`,
    outputs: { types: "types.d.ts", ...clientOutputs("runtime") },
    typesModule: "../../types.js",
    runtimeDir: "..",
  });
  await copyClientRuntime(join(dir, "runtime"), undefined, sharedRuntime);
  await mkdir(join(dir, "runtime", "generated", "responses"), { recursive: true });
  for (const file of files) await writeFile(join(dir, file.path), file.contents);
  return { dir, files, notices };
}

/** Where the repository's client sources are: its generated outputs are read from REPO_TARGETS under it. */
const CLIENT_SOURCES = "packages/client/src/";

/**
 * The client's generated outputs as the repository declares them (REPO_TARGETS), under `runtimeDir` of a
 * scratch copy of the runtime: the layout the runtime's own imports expect, never a second list of it.
 */
export function clientOutputs(runtimeDir: string) {
  const { operations, publicBarrel, internalBarrel, servers, responses } = REPO_TARGETS.outputs;
  const under = (path: string) => {
    if (!path.startsWith(CLIENT_SOURCES))
      throw new Error(`${path} is not among the client's sources (${CLIENT_SOURCES}).`);
    return posix.join(runtimeDir, path.slice(CLIENT_SOURCES.length));
  };
  return {
    operations: under(operations),
    publicBarrel: under(publicBarrel),
    internalBarrel: under(internalBarrel),
    servers: under(servers),
    responses: under(responses),
  };
}

/**
 * The client runtime's source (its validation/ folder too; not its generated/ files, nor raw.ts, the
 * openapi-fetch client over the real Ango paths) copied into `dir`, with `@ango-hub/types` imports
 * pointed at `typesModule` when given: the runtime beside a client generated from another document.
 */
export async function copyClientRuntime(dir: string, typesModule?: string, shared?: string): Promise<void> {
  const sources = await runtimeSources();
  for (const [entry, { source, generatedBound }] of sources) {
    const target = join(dir, entry);
    await mkdir(dirname(target), { recursive: true });
    // A module that reaches no generated file is the same for every document: one copy, linked.
    if (shared && !generatedBound && !typesModule) {
      await symlink(join(shared, entry), target);
      continue;
    }
    await writeFile(
      target,
      typesModule ? source.replaceAll('"@ango-hub/types"', JSON.stringify(typesModule)) : source,
    );
  }
}

/**
 * The runtime's modules (as copyClientRuntime takes them) with whether each reaches a generated file
 * through its imports: those differ by document; the others can be shared by every generated client.
 */
let runtimeSourcesRead: Promise<Map<string, { source: string; generatedBound: boolean }>> | undefined;
function runtimeSources() {
  runtimeSourcesRead ??= (async () => {
    const sources = new Map<string, string>();
    for (const entry of (await readdir(clientSrc, { recursive: true })).sort()) {
      if (!entry.endsWith(".ts") || entry === "raw.ts" || entry.startsWith("generated")) continue;
      sources.set(entry, await readFile(join(clientSrc, entry), "utf8"));
    }
    const imports = (entry: string) =>
      [...(sources.get(entry) ?? "").matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)\.js"/g)].map((m) =>
        posix.normalize(posix.join(posix.dirname(entry), `${m[1]}.ts`)),
      );
    const bound = new Map<string, boolean>();
    const reaches = (entry: string, seen: Set<string>): boolean => {
      if (entry.startsWith("generated/")) return true;
      if (bound.has(entry)) return bound.get(entry) as boolean;
      if (seen.has(entry)) return false;
      seen.add(entry);
      const result = imports(entry).some((target) => reaches(target, seen));
      bound.set(entry, result);
      return result;
    };
    return new Map(
      [...sources].map(([entry, source]) => [entry, { source, generatedBound: reaches(entry, new Set()) }]),
    );
  })();
  return runtimeSourcesRead;
}

/** A copy of the runtime's shared modules (those that reach no generated file) in `dir`, for linking. */
export async function writeSharedRuntime(dir: string): Promise<void> {
  for (const [entry, { source, generatedBound }] of await runtimeSources()) {
    if (generatedBound) continue;
    await mkdir(dirname(join(dir, entry)), { recursive: true });
    await writeFile(join(dir, entry), source);
  }
}

/**
 * A generated client's modules as one object: the public entry point (createAngoRuntime, each operation's
 * function), the contract (operationDescriptors) and the validation one (responseValidation), as a
 * test that walks every operation needs all three. They are bundled by esbuild into one module first (the
 * types stripped, as the TypeScript loader would), so loading the client and each operation's response
 * plan is one evaluation rather than a module load per file: on the census's sample that halved the calls.
 * The bundle is CommonJS run as a script, not an ES module: Node never unloads a module it imported, so a
 * census worker would keep every client of its batch alive; a script's functions are collected once the
 * client is no longer used.
 */
export async function loadClient(dir: string): Promise<Json> {
  const entry = ["index.ts", "contract-entry.ts", VALIDATION_ENTRY]
    .map((file) => `export * from ${JSON.stringify(join(dir, "runtime", file))};`)
    .join("\n");
  const result = await build({
    stdin: { contents: entry, resolveDir: dir, loader: "ts" },
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    write: false,
    logLevel: "silent",
  });
  const module = { exports: {} as Json };
  const evaluate = runInThisContext(
    `(function (module, exports, require) {${result.outputFiles[0]?.text ?? ""}\n})`,
    {
      filename: join(dir, "client.bundle.cjs"),
    },
  ) as (module: { exports: Json }, exports: Json, require: NodeJS.Require) => void;
  evaluate(module, module.exports, require);
  return module.exports;
}

/** The client's response validation entry (`@ango-hub/client/validation`): the one that reaches the plans. */
const VALIDATION_ENTRY = "response-validation.ts";

/**
 * What a strict check of a generated client starts from: the main entry point and the validation one
 * (the response plans are reachable from it alone).
 */
export function clientRoots(dir: string): string[] {
  return [join(dir, "runtime", "index.ts"), join(dir, "runtime", VALIDATION_ENTRY)];
}

/** A diagnostic of the strict check: the file's absolute path ("" for none), its line, and the message. */
export interface StrictDiagnostic {
  file: string;
  line: number;
  message: string;
}

// The strict check's compiler is TypeScript 7 (nativeTsc), 3 to 4 times faster than 5.9's on the
// census's batches on one thread. Consumers' own builds with 5.9 are checked apart (tests/consumer).

/** The compiler's output read at most this far: a batch with more to say has failed anyway. */
const MAX_CHECK_OUTPUT_BYTES = 64 * 1024 * 1024;
/** A batch's check that runs longer is a failure of its own (a type the checker cannot finish). */
const CHECK_TIMEOUT_MS = 15 * 60_000;

const DIAGNOSTIC_LINE = /^(.+?)\((\d+),\d+\): error (TS\d+: .*)$/;

/**
 * Type-checks generated clients as a consumer's strict settings would (one program for all `roots`: the
 * lib files are read once), on one thread, and returns what the compiler found. `scratch` is a folder
 * for the program's tsconfig.
 */
export async function strictTypeCheck(roots: string[], scratch: string): Promise<StrictDiagnostic[]> {
  await mkdir(scratch, { recursive: true });
  const config = join(scratch, `tsconfig.strict-${process.pid}.json`);
  await writeFile(
    config,
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noUncheckedIndexedAccess: true,
        noEmit: true,
        skipLibCheck: true,
        module: "nodenext",
        moduleResolution: "nodenext",
        target: "es2022",
        lib: ["es2022", "dom", "dom.iterable"],
        types: [],
      },
      files: roots,
    }),
  );
  // Asynchronous: the census's worker makes its calls while the batch is checked (worker.ts).
  const run = await new Promise<{ error?: Error; status: number; stdout: string; stderr: string }>((done) =>
    execFile(
      process.execPath,
      [nativeTsc, "-p", config, "--pretty", "false", "--singleThreaded"],
      { encoding: "utf8", maxBuffer: MAX_CHECK_OUTPUT_BYTES, timeout: CHECK_TIMEOUT_MS },
      (error, stdout, stderr) => {
        // An exit status other than 0 is tsc finding errors; a kill, a timeout or too much output is not.
        const failed = error && (typeof error.code !== "number" || error.killed) ? error : undefined;
        done({ error: failed, status: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
      },
    ),
  );
  await rm(config, { force: true });
  if (run.error) throw run.error;
  const found: StrictDiagnostic[] = [];
  for (const line of run.stdout.split("\n")) {
    const match = DIAGNOSTIC_LINE.exec(line);
    if (match)
      found.push({ file: resolve(match[1] as string), line: Number(match[2]), message: match[3] as string });
    // A message's further lines are indented under it; a diagnostic with no file starts with `error`.
    else if (/^\s+\S/.test(line) && found.length > 0)
      (found.at(-1) as StrictDiagnostic).message += ` ${line.trim()}`;
    else if (/^error TS\d+/.test(line))
      found.push({ file: "", line: 0, message: line.slice("error ".length) });
  }
  if (run.status !== 0 && found.length === 0)
    found.push({
      file: "",
      line: 0,
      message: `tsc exited ${run.status}: ${(run.stderr || run.stdout).slice(0, 2000)}`,
    });
  return found;
}
