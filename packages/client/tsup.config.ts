import { defineConfig } from "tsup";

export default defineConfig([
  {
    // src/node.ts (`@ango-hub/client/node`) is for Node only: its `node:` imports stay imports.
    entry: {
      index: "src/index.ts",
      raw: "src/raw.ts",
      contract: "src/contract-entry.ts",
      drift: "src/drift.ts",
      node: "src/node.ts",
      text: "src/text.ts",
      // `@ango-hub/client/validation`: named for its subpath.
      validation: "src/response-validation.ts",
    },
    external: [/^node:/],
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    target: "es2022",
    platform: "neutral",
    sourcemap: true,
    treeshake: true,
  },
  {
    // The drift summary command: Node only, one file, no types.
    entry: { "drift-summary": "src/cli/drift-summary.ts" },
    outDir: "dist/cli",
    format: ["esm"],
    target: "node20",
    platform: "node",
    sourcemap: true,
  },
]);
