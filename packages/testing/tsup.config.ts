import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/msw.ts"],
  format: ["esm", "cjs"],
  clean: true,
  target: "es2022",
  platform: "node",
  sourcemap: true,
  // The repository's OpenAPI reader is private: its code goes into this package's build.
  noExternal: ["@ango-hub/openapi-reader"],
  dts: true,
});
