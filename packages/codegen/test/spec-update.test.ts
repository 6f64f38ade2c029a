import { cp, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { findRepoRoot, REPO_TARGETS } from "../src/index.js";
import { describeUpdate, updateSpec } from "../src/spec-update.js";

const repo = findRepoRoot();
let root: string;

// A scratch copy of what spec:update reads and writes: the spec, Biome's config, the package manifests.
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "spec-update-"));
  await cp(join(repo, "spec"), join(root, "spec"), { recursive: true });
  for (const file of ["biome.json", "pnpm-workspace.yaml"]) await cp(join(repo, file), join(root, file));
  await mkdir(join(root, ".changeset"));
  for (const dir of await readdir(join(repo, "packages"))) {
    await mkdir(join(root, "packages", dir), { recursive: true });
    await cp(join(repo, "packages", dir, "package.json"), join(root, "packages", dir, "package.json"));
  }
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe("spec:update", () => {
  test("replaces the spec, regenerates, and writes a changeset for the public packages", async () => {
    const next = JSON.parse(await readFile(join(repo, REPO_TARGETS.spec), "utf8"));
    next.info.version = "2.1.0";
    next.components.schemas.Stage.properties.type.enum.push("Review2");
    const result = await updateSpec(root, JSON.stringify(next));

    expect(JSON.parse(await readFile(join(root, REPO_TARGETS.spec), "utf8"))).toEqual(next);
    const types = await readFile(join(root, REPO_TARGETS.outputs.types), "utf8");
    expect(types).toContain('| "Review2"');
    expect(result.changesetPath).toMatch(/^\.changeset\/spec-2\.1\.0-[0-9a-f]{8}\.md$/);
    const changeset = await readFile(join(root, result.changesetPath ?? ""), "utf8");
    expect(changeset).toContain('"@ango-hub/client": minor');
    expect(changeset).toContain('"@ango-hub/types": minor');
    expect(changeset).toContain('"@ango-hub/testing": minor');
    expect(changeset).not.toContain("codegen");
    expect(changeset).toContain("- `Stage.type` gains `Review2`");
    expect(describeUpdate(result)).toContain("[minor] `Stage.type` gains `Review2`");
  });

  test("an unchanged spec writes no changeset", async () => {
    const same = await readFile(join(repo, REPO_TARGETS.spec), "utf8");
    const result = await updateSpec(root, same);
    expect(result.changesetPath).toBeUndefined();
    expect((await readdir(join(root, ".changeset"))).filter((f) => f.endsWith(".md"))).toEqual([]);
  });

  test("a file that is not JSON is refused before anything is written", async () => {
    const before = await readFile(join(root, REPO_TARGETS.spec), "utf8");
    await expect(updateSpec(root, "openapi: 3.0.3\n")).rejects.toThrow(/not valid JSON/);
    expect(await readFile(join(root, REPO_TARGETS.spec), "utf8")).toBe(before);
  });
});
