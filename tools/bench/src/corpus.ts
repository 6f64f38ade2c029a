// Generate and type-check cost per document of the corpus suite (@readme/oas-examples 3.0, each merged
// into the Ango spec), so a slow shape in the vendor's next document shows up here first.

import { join } from "node:path";
import { performance } from "node:perf_hooks";
import {
  angoSpec,
  corpusDocuments,
  generateClient,
  mergeIntoAngo,
  strictTypeCheck,
} from "@ango-hub/corpus-tests/corpus";
import { median, type Row, ratio } from "./stats.js";

async function typecheckSeconds(root: string): Promise<number> {
  const started = performance.now();
  const errors = (await strictTypeCheck([root], join(root, "..", "..", "strict"))).length;
  if (errors > 0) throw new Error(`${root}: ${errors} type errors`);
  return (performance.now() - started) / 1000;
}

export async function corpusCost(): Promise<Row[]> {
  const documents = [{ name: "ango seed", document: angoSpec }, ...(await corpusDocuments())];
  const results: { name: string; ops: number; generateMs: number; tscSeconds: number }[] = [];
  for (const { name, document } of documents) {
    const merged = name === "ango seed" ? document : mergeIntoAngo(document);
    const generateMs: number[] = [];
    let dir = "";
    let ops = 0;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const generated = await generateClient(`bench-${name.replace(/\W+/g, "-")}`, merged);
      generateMs.push(performance.now() - started);
      dir = generated.dir;
      ops = (
        generated.files.find((f) => f.path.endsWith("operations.ts"))?.contents.match(/Operation = \{/g) ?? []
      ).length;
    }
    results.push({
      name,
      ops,
      generateMs: median(generateMs),
      tscSeconds: await typecheckSeconds(join(dir, "runtime/index.ts")),
    });
  }
  const base = results[0] as (typeof results)[number];
  return results.map((r) => ({
    measure: "corpus",
    subject: `${r.name} (${r.ops} ops)`,
    value: `generate ${r.generateMs.toFixed(0)} ms; tsc ${r.tscSeconds.toFixed(2)} s`,
    ratio: ratio(r.generateMs, base.generateMs),
    method:
      "generate: median of 3 (write included); tsc: one strict program over the generated runtime, cold; ratio = generate vs the seed spec",
  }));
}
