// A census worker: takes a list of documents (a JSON file of [path, name] pairs, argv[2]), runs each through
// the pipeline, and writes one JSON line per result on stdout. Documents are generated one by one and
// type-checked together (one program: the lib files and the shared runtime are read once) while their
// calls are made; the process then exits, so the generated modules it loaded go with it.
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

// The batch's one type-check runs in its own process while this one makes the calls: neither waits for
// the other (a worker was idle a sixth of its time, waiting for the check). A document the check refuses
// is then counted at that step, whatever its calls did. Results go out as soon as both are known, so the
// census's progress line moves during the batch.
const typecheckStarted = performance.now();
let checked: { diagnostics: Map<Prepared, string[]>; ms: number } | undefined;
const typecheck = (
  prepared.length > 0
    ? strictTypeCheck(
        prepared.flatMap((p) => clientRoots(p.client.dir)),
        join(outDir, "census", String(process.pid)),
      )
    : Promise.resolve([])
)
  .catch((error: Error) => [{ file: "", line: 0, message: `the type-check did not run: ${error.message}` }])
  .then((found) => {
    const diagnostics = new Map<Prepared, string[]>();
    for (const diagnostic of found) {
      const owner = prepared.find((p) => diagnostic.file.startsWith(`${p.client.dir}/`));
      const text = `${diagnostic.file.split("/census/")[1]?.replace(/^\d+\//, "") ?? diagnostic.file}:${diagnostic.line}: ${diagnostic.message}`;
      for (const p of owner ? [owner] : prepared) diagnostics.set(p, [...(diagnostics.get(p) ?? []), text]);
    }
    checked = { diagnostics, ms: performance.now() - typecheckStarted };
  });

// The batch's one type-check, shared out by each document's operations (its share of the work).
const weight = prepared.reduce((sum, p) => sum + p.operations + 1, 0);
const waiting: { p: Prepared; called: CensusResult }[] = [];
async function reportChecked() {
  if (!checked) return;
  for (const { p, called } of waiting.splice(0)) {
    const share = Math.round((checked.ms * (p.operations + 1)) / weight);
    const refused = checked.diagnostics.get(p);
    const result = refused ? await finish(p, refused, share) : called;
    if (!refused) {
      result.ms += share;
      if (result.steps) result.steps.typecheck = share;
    }
    emit(result);
    // What was generated is not kept (the check has read it): the census's disk use stays one batch.
    await rm(p.client.dir, { recursive: true, force: true });
  }
}

for (const p of prepared) {
  const called = await finish(p, [], 0).catch(
    (error: Error): CensusResult => ({
      name: p.name,
      class: "failed",
      step: "call",
      reason: error.stack ?? String(error),
      operations: p.operations,
      ms: Math.round(performance.now() - p.started),
    }),
  );
  waiting.push({ p, called });
  await reportChecked();
}
await typecheck;
await reportChecked();
await rm(sharedRuntime, { recursive: true, force: true });
await rm(join(outDir, "census", String(process.pid)), { recursive: true, force: true });
process.exit(0);
