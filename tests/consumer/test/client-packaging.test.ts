import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual, promisify } from "node:util";
import { bundleConsumer, bundleSize, runtimeCallSource } from "@ango-hub/bench/bundle-size";
import { operationDescriptors } from "@ango-hub/client/contract";
import { specDocument } from "@ango-hub/spec/document";
import { onAnotherDocument, onAnotherNode } from "@ango-hub/test-support/node-matrix";
import { seedDocument } from "@ango-hub/test-support/seed";
import { build } from "esbuild";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { describe, expect, test } from "vitest";

// These check @ango-hub/client's built package (turbo builds it before tests run), as a consumer would
// install it. They live here, with the other packaging checks, so the client's own suite stays fast.
// No Node can change their answers (lints, type resolution, bundles): the runs on other Node majors skip them.
// No document can change the manifest's lint or the types' resolution, and the budget's bundle is a
// descriptor of its own on the seed's servers (budgetHolds below): the update rehearsal's clone skips those.
const packageDir = `${dirname(createRequire(import.meta.url).resolve("@ango-hub/client/package.json"))}/`;
const run = promisify(execFile);

describe.skipIf(onAnotherNode)("packaging", () => {
  test.skipIf(onAnotherDocument)(
    "publint finds nothing to fix",
    async () => {
      const { messages, pkg } = await publint({ pkgDir: packageDir, pack: "npm", strict: true });
      expect(messages.map((m) => formatMessage(m, pkg))).toEqual([]);
    },
    60_000,
  );

  test.skipIf(onAnotherDocument)(
    "@arethetypeswrong/cli resolves types for ESM, CJS, node10 and bundlers",
    async () => {
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
    },
    60_000,
  );

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
const SIZE_BUDGET_GZIP_BYTES = 7_825;

/**
 * What the budget measures: the runtime with one JSON call of a descriptor of the bench's own, as a
 * generated operation is (a path parameter, a JSON body), bundled as one file (a worker, a script, a
 * bundler without splitting). Not one of the spec's: on the vendor's 47 operations the same measure
 * ranges widely by the serialisers an operation brings (lists bring the query styles), so the first of
 * the list would make the budget a property of the document.
 */
const budgeted = runtimeCallSource("./dist/index.js");

/**
 * The runtime carries the spec's servers and key scheme (createAngoRuntime hands them over), so a
 * document with other servers measures the vendor's data as much as the runtime (a server variable's
 * enum gives a preset per value). The budget is set for the seed's, and compared while the spec has them.
 */
// biome-ignore lint/suspicious/noExplicitAny: OpenAPI documents read without a schema
const accessOf = (document: Record<string, any>) => [
  document.servers,
  document.security,
  document.components?.securitySchemes,
];
const budgetHolds = isDeepStrictEqual(accessOf(specDocument()), accessOf(seedDocument()));

// The runtime plus one call: flat however many operations the spec grows to (createAngoClient binds
// every operation, so it grows with the spec; see the bench's scale table).
test.skipIf(onAnotherNode || onAnotherDocument)(
  `createAngoRuntime + one call is at most ${SIZE_BUDGET_GZIP_BYTES} bytes gzipped, bundled as one file${budgetHolds ? "" : " (not compared: the spec's servers or security differ from the seed's, for which the budget is set)"}`,
  async () => {
    // Measured exactly as the bench measures it (same esbuild settings, gzip -9).
    const single = await bundleSize(budgeted, packageDir, { splitting: false });
    expect(single.gzipped).toBeGreaterThan(2_000); // the bundle really contains the client
    if (budgetHolds) expect(single.gzipped).toBeLessThanOrEqual(SIZE_BUDGET_GZIP_BYTES);
    // Split, nothing is left to load later: the program has no response validation to load.
    const split = await bundleSize(budgeted, packageDir);
    expect(split.lazy).toBe(0);
    // The checker comes with its own entry point, imported.
    const validated = await bundleSize(
      `${budgeted}\nexport { responseValidation } from "./dist/validation.js";`,
      packageDir,
      { splitting: false },
    );
    expect(validated.gzipped - single.gzipped).toBeGreaterThan(1_500);
  },
);

/** An operation of the spec's for the laziness test: the first of the generated list, whichever it is. */
const measured = Object.keys(operationDescriptors).sort()[0];

const title = measured
  ? `createAngoRuntime + ${measured}, the spec's first operation`
  : "the spec's first operation: skipped, the spec has none";
describe.skipIf(measured === undefined || onAnotherNode)(title, () => {
  const consumer = `import { createAngoRuntime, ${measured} } from "./dist/index.js";
const runtime = createAngoRuntime({ apiKey: "k" });
export const run = (input) => ${measured}(runtime, input);`;
  const CHECK_TEXT = ["missing-required", "unknown-enum-value"];
  // Every plan module is `export const responses = { responses: JSON.parse(…), schemas }`.
  const PLAN_TEXT = "responses: JSON.parse(";

  test("without the validation entry, a one-file bundle holds no response check and no response plan", async () => {
    const { atStart } = await bundleConsumer(consumer, packageDir, { splitting: false, minify: false });
    expect(atStart).toHaveLength(1);
    for (const text of [...CHECK_TEXT, PLAN_TEXT]) expect(atStart[0]?.text, text).not.toContain(text);
  });

  test("with it, the checker loads at start and each operation's plan only on demand", async () => {
    const { atStart, onDemand } = await bundleConsumer(
      `${consumer}\nexport { responseValidation } from "./dist/validation.js";`,
      packageDir,
      { minify: false },
    );
    for (const text of CHECK_TEXT)
      expect(
        atStart.some((file) => file.text.includes(text)),
        text,
      ).toBe(true);
    expect(atStart.some((file) => file.text.includes(PLAN_TEXT))).toBe(false);
    // A spec whose operations declare no response has no plan to load.
    const hasPlans = Object.values(operationDescriptors).some((d) => d.responsePlan !== undefined);
    expect(onDemand.some((file) => file.text.includes(PLAN_TEXT))).toBe(hasPlans);
  });
});
