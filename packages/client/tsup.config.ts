import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: ["src/index.ts", "src/raw.ts", "src/internal.ts", "src/drift.ts"],
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
