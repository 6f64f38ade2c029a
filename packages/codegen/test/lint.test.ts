import { readFile } from "node:fs/promises";
import { Biome } from "@biomejs/js-api/nodejs";
import { expect, test } from "vitest";
import { findRepoRoot, generate } from "../src/index.js";
import { hostileDocument } from "./support/hostile.js";

// Generated files are checked by the same linter as hand-written code (`pnpm lint:repo`), so whatever a
// document holds, the output must pass it: checked here on documents nobody tuned the generator to.
const root = findRepoRoot();
const config = JSON.parse(await readFile(`${root}/biome.json`, "utf8"));
const biome = new Biome();
const { projectKey } = biome.openProject();
biome.applyConfiguration(projectKey, {
  formatter: config.formatter,
  linter: config.linter,
  javascript: config.javascript,
});

const json = {
  "application/json": { schema: { type: "object", properties: { message: { type: "string" } } } },
};
/** Operations with nothing to pass, or only an error to answer: the shapes a real API description has. */
const bareDocument = {
  openapi: "3.0.3",
  info: { title: "bare", version: "1" },
  servers: [{ url: "https://bare.example/v1" }],
  security: [{ Key: [] }],
  components: { securitySchemes: { Key: { type: "apiKey", in: "header", name: "apikey" } } },
  paths: {
    "/me": { get: { operationId: "getMe", responses: { default: { description: "me", content: json } } } },
    "/key": { post: { operationId: "postKey", responses: { "403": { description: "no", content: json } } } },
  },
};
const widgets = JSON.parse(
  await readFile(new URL("./fixtures/widgets.openapi.json", import.meta.url), "utf8"),
);

test.each([
  ["a document of operations without inputs", bareDocument],
  ["the widgets fixture", widgets],
  ["the hostile document", hostileDocument()],
])("the output for %s passes the repository's lint", async (_what, spec) => {
  const files = await generate({
    spec,
    specLabel: "doc.json",
    // Laid out as in the repository (the import order the linter checks depends on it).
    outputs: { types: "types.d.ts", operations: "generated/operations.ts", servers: "generated/servers.ts" },
    typesModule: "@ango-hub/types",
    runtimeDir: "..",
    formatterConfig: { formatter: config.formatter, javascript: config.javascript },
  });
  for (const file of files) {
    const { diagnostics } = biome.lintContent(projectKey, file.contents, { filePath: file.path });
    expect(diagnostics.map((d) => `${file.path}: ${d.category ?? ""} ${d.description}`)).toEqual([]);
  }
});
