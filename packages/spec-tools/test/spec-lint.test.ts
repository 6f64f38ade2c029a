import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findRepoRoot, REPO_TARGETS } from "@ango-hub/codegen";
import { seedPath } from "@ango-hub/test-support/seed";
import { afterEach, beforeEach, expect, test } from "vitest";
import { stringify } from "yaml";
import { lintSpec } from "../src/index.js";

// `pnpm lint:spec` fails only a document that is not valid OpenAPI, as an independent validator reads it;
// Redocly's findings are the vendor's to fix and never stop an update.
const repo = findRepoRoot();
let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "spec-lint-"));
  await mkdir(join(root, "spec"));
  await cp(join(repo, "spec", "redocly.yaml"), join(root, "spec", "redocly.yaml"));
  await cp(join(repo, "pnpm-workspace.yaml"), join(root, "pnpm-workspace.yaml"));
  await symlink(join(repo, "node_modules"), join(root, "node_modules"));
});
afterEach(() => rm(root, { recursive: true, force: true }));

test("OpenAPI 3.1 JSON Schema keywords Redocly's struct rule does not know are findings, not a failure (YAML read too)", async () => {
  const seed = JSON.parse(await readFile(seedPath, "utf8"));
  const schemas = seed.components.schemas;
  const first = Object.keys(schemas)[0] as string;
  // Discourse's shape: an example's fields written where a schema's keywords go. JSON Schema 2020-12
  // ignores unknown keywords, and the OpenAPI Initiative's schema accepts them.
  schemas[first] = { ...schemas[first], auto_bump_cooldown_days: 1 };
  await writeFile(join(root, REPO_TARGETS.specYaml), stringify({ ...seed, openapi: "3.1.0" }));
  const result = await lintSpec(root);
  expect(result.summary).toMatch(/: 0 structural problem\(s\), \d+ style finding\(s\)/);
  expect(result.summary).toContain("struct at ");
  expect(result.markdown).toMatch(/^\*\*Spec lint\*\* \(Redocly `recommended`\): \d+ style finding/);
  expect(result.failed).toBe(false);
});

test("a document the independent validator refuses fails, with its words", async () => {
  const seed = JSON.parse(await readFile(seedPath, "utf8"));
  await writeFile(join(root, REPO_TARGETS.spec), JSON.stringify({ ...seed, info: { title: "no version" } }));
  const result = await lintSpec(root);
  expect(result.summary).toMatch(/: [1-9]\d* structural problem\(s\)/);
  expect(result.summary).toContain("✗ openapi-schema-validator at #/info");
  expect(result.markdown).toContain("structural problem(s):**");
  expect(result.failed).toBe(true);
});
