// A census worker: takes a list of documents (a JSON file of [path, name] pairs, argv[2]), runs each through
// the pipeline, and writes one JSON line per result on stdout. Documents are generated one by one and
// type-checked together (one program: the lib files and the shared runtime are read once); the
// process then exits, so the generated modules it loaded go with it.
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { clientRoots, outDir, strictTypeCheck, writeSharedRuntime } from "../test/support/corpus.js";
import { type CensusResult, finish, type Prepared, prepare } from "./pipeline.js";

const [listFile] = process.argv.slice(2);
const list: [string, string][] = JSON.parse(await readFile(listFile as string, "utf8"));

const emit = (result: CensusResult) => process.stdout.write(`${JSON.stringify(result)}\n`);

// The runtime modules every generated client shares, written once and linked from each: the batch's
// type-check then reads them once, and the calls load them once.
const sharedRuntime = join(outDir, "census", `shared-runtime-${process.pid}`);
await writeSharedRuntime(sharedRuntime);

const prepared: Prepared[] = [];
for (const [file, name] of list) {
  const outcome = await prepare(file, name, sharedRuntime).catch(
    (error: Error): CensusResult => ({
      name,
      class: "failed",
      step: "read",
      reason: error.stack ?? String(error),
      operations: 0,
      ms: 0,
    }),
  );
  if ("class" in outcome) emit(outcome);
  else prepared.push(outcome);
}

const diagnostics = new Map<Prepared, string[]>();
const typecheckStarted = performance.now();
if (prepared.length > 0) {
  const roots = prepared.flatMap((p) => clientRoots(p.client.dir));
  for (const diagnostic of await strictTypeCheck(roots, join(outDir, "census", String(process.pid)))) {
    const owner = prepared.find((p) => diagnostic.file.startsWith(`${p.client.dir}/`));
    const text = `${diagnostic.file.split("/census/")[1]?.replace(/^\d+\//, "") ?? diagnostic.file}:${diagnostic.line}: ${diagnostic.message}`;
    for (const p of owner ? [owner] : prepared) diagnostics.set(p, [...(diagnostics.get(p) ?? []), text]);
  }
}

// The batch's one type-check, shared out by each document's operations (its share of the work).
const typecheckMs = performance.now() - typecheckStarted;
const weight = prepared.reduce((sum, p) => sum + p.operations + 1, 0);
for (const p of prepared) {
  emit(
    await finish(p, diagnostics.get(p) ?? [], Math.round((typecheckMs * (p.operations + 1)) / weight)).catch(
      (error: Error): CensusResult => ({
        name: p.name,
        class: "failed",
        step: "call",
        reason: error.stack ?? String(error),
        operations: p.operations,
        ms: Math.round(performance.now() - p.started),
      }),
    ),
  );
  // What was generated is not kept: the census's disk use stays one batch.
  await rm(p.client.dir, { recursive: true, force: true });
}
await rm(sharedRuntime, { recursive: true, force: true });
await rm(join(outDir, "census", String(process.pid)), { recursive: true, force: true });
process.exit(0);
