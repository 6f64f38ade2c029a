import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/raw.ts", "src/internal.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
  sourcemap: true,
  treeshake: true,
});
