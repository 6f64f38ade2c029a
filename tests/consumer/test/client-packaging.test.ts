import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { bundleSize, runtimeCallSource } from "@ango-hub/bench/bundle-size";
import { operationDescriptors } from "@ango-hub/client/internal";
import { build } from "esbuild";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { describe, expect, test } from "vitest";

// These check @ango-hub/client's built package (turbo builds it before tests run), as a consumer would
// install it. They live here, with the other packaging checks, so the client's own suite stays fast.
const packageDir = `${dirname(createRequire(import.meta.url).resolve("@ango-hub/client/package.json"))}/`;
const run = promisify(execFile);

describe("packaging", () => {
  test("publint finds nothing to fix", async () => {
    const { messages, pkg } = await publint({ pkgDir: packageDir, pack: "npm", strict: true });
    expect(messages.map((m) => formatMessage(m, pkg))).toEqual([]);
  }, 60_000);

  test("@arethetypeswrong/cli resolves types for ESM, CJS, node10 and bundlers", async () => {
    const attw = fileURLToPath(new URL("../node_modules/.bin/attw", import.meta.url));
    // Packed into a directory of this run's own: `attw --pack` writes the tarball into the package, where
    // the same test run on Node 22/24 at the same time would pack and delete the same file.
    const destination = await mkdtemp(join(tmpdir(), "attw-"));
    try {
      const packed = await run("npm", ["pack", "--json", "--pack-destination", destination], {
        cwd: packageDir,
      });
      const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
      const { stdout } = await run(attw, [join(destination, filename), "--format", "json"]);
      const report = JSON.parse(stdout);
      expect(report.analysis.problems ?? []).toEqual([]);
    } finally {
      await rm(destination, { recursive: true, force: true });
    }
  }, 60_000);

  test("both entry points bundle for a browser: no Node built-ins, only openapi-fetch as a dependency", async () => {
    const imported = new Set<string>();
    await build({
      entryPoints: ["index", "raw"].map((entry) => `${packageDir}dist/${entry}.js`),
      outdir: "unused",
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
      plugins: [
        {
          name: "record-imports",
          setup(b) {
            b.onResolve({ filter: /^[^./]/ }, (args) => {
              imported.add(args.path);
              return undefined;
            });
          },
        },
      ],
    });
    expect([...imported]).toEqual(["openapi-fetch"]);
  });
});

// Size is deterministic, so unlike speed it is enforced here. The budget is today's size plus a little
// headroom; raise it only on purpose (CONTRIBUTING.md's performance section explains the figure).
const SIZE_BUDGET_GZIP_BYTES = 7_850;

/**
 * What the budget measures: the runtime with one JSON call of a descriptor of the bench's own, as a
 * generated operation is (a path parameter, a JSON body). Not one of the spec's: on the vendor's 47 operations the
 * same measure ranges from 7,692 to 8,969 bytes, by the serialisers an operation brings (lists bring the
 * query styles), so the first of the list would make the budget a property of the document.
 */
const budgeted = runtimeCallSource("./dist/index.js");

// The runtime plus one call: flat however many operations the spec grows to (createAngoClient binds
// every operation, so it grows with the spec; see the bench's scale table).
test(`createAngoRuntime + one call loads at most ${SIZE_BUDGET_GZIP_BYTES} bytes gzipped at start`, async () => {
  // Measured exactly as the bench measures it (same esbuild settings, split as bundlers split, gzip -9).
  const { gzipped, lazy } = await bundleSize(budgeted, packageDir);
  expect(gzipped).toBeGreaterThan(2_000); // the bundle really contains the client
  expect(gzipped).toBeLessThanOrEqual(SIZE_BUDGET_GZIP_BYTES);
  // Response validation is there, but only loads on demand.
  expect(lazy).toBeGreaterThan(1_000);
});

/** An operation of the spec's for the laziness test: the first of the generated list, whichever it is. */
const measured = Object.keys(operationDescriptors).sort()[0];

const title = measured
  ? `createAngoRuntime + ${measured}, the spec's first operation`
  : "the spec's first operation: skipped, the spec has none";
describe.skipIf(measured === undefined)(title, () => {
  const consumer = `import { createAngoRuntime, ${measured} } from "./dist/index.js";
const runtime = createAngoRuntime({ apiKey: "k" });
export const run = (input) => ${measured}(runtime, input);`;

  test("with validation off, the start-up bundle holds no response check and no response plan", async () => {
    const result = await build({
      stdin: { contents: consumer, resolveDir: packageDir, loader: "ts" },
      bundle: true,
      format: "esm",
      splitting: true,
      outdir: "/bundle",
      metafile: true,
      write: false,
      logLevel: "silent",
    });
    const entry = result.outputFiles.find((file) => file.path.endsWith("/stdin.js"))?.text ?? "";
    const chunks = result.outputFiles.filter(
      (file) => file !== result.outputFiles.find((f) => f.text === entry),
    );
    // Only dynamic imports lead from the entry to the rest.
    expect(entry).not.toMatch(/from\s*"\.\/[^"]+"/);
    for (const text of ["missing-required", "unknown-enum-value", '"schemaId"']) {
      expect(entry, text).not.toContain(text);
      expect(
        chunks.some((chunk) => chunk.text.includes(text)),
        text,
      ).toBe(true);
    }
  });
});
