// The strict check every generated client goes through (corpus, census, scale, the vendor's API) reports
// what the compiler finds, by file and line: a check that printed nothing could not fail.
import { appendFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { angoSpec, generateClient, strictTypeCheck } from "./support/corpus.js";

test("a generated client with a type error is reported by file, line and message", async () => {
  const { dir } = await generateClient(`strict-check-${process.pid}`, angoSpec);
  try {
    const entry = join(dir, "runtime", "index.ts");
    expect(await strictTypeCheck([entry], join(dir, "strict"))).toEqual([]);
    await appendFile(entry, '\nexport const wrong: number = "text";\n');
    const found = await strictTypeCheck([entry], join(dir, "strict"));
    expect(found).toEqual([
      { file: entry, line: expect.any(Number), message: expect.stringMatching(/^TS2322: Type 'string'/) },
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
