import { defineConfig } from "tsup";

// `bin` is the executable; `main` is `@ango-hub/cli/runner` (runCli, for tools and tests; not covered by
// semver). The client stays a dependency, imported at run time.
export default defineConfig({
  entry: { bin: "src/bin.ts", main: "src/main.ts" },
  format: ["esm"],
  dts: { entry: { main: "src/main.ts" } },
  target: "node20",
  platform: "node",
  clean: true,
  sourcemap: true,
});
