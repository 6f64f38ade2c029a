import { defineConfig } from "tsup";

// `bin` is the executable; `index` is `@ango-hub/mcp` (createAngoMcpServer, serveHttp, the tool types).
// The client and the MCP SDK stay dependencies, imported at run time.
export default defineConfig({
  entry: { bin: "src/bin.ts", index: "src/index.ts" },
  format: ["esm"],
  dts: { entry: { index: "src/index.ts" } },
  target: "node20",
  platform: "node",
  clean: true,
  sourcemap: true,
});
