import { cp, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedPath } from "@ango-hub/test-support/seed";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { DOCUMENT_LIMITS, findRepoRoot, REPO_TARGETS, SpecError } from "../src/index.js";
import { describeUpdate, updateSpec } from "../src/spec-update.js";

const repo = findRepoRoot();
let root: string;

/** The frozen seed document: what these tests update from, whatever spec/ holds today. */
// (seedPath, from @ango-hub/test-support/seed)

// A scratch copy of what spec:update reads and writes: the spec (the frozen seed), Biome's config, the
// package manifests.
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "spec-update-"));
  await mkdir(join(root, "spec"));
  await cp(seedPath, join(root, REPO_TARGETS.spec));
  await cp(join(repo, REPO_TARGETS.overrides), join(root, REPO_TARGETS.overrides));
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
    const next = JSON.parse(await readFile(seedPath, "utf8"));
    next.info.version = "2.1.0";
    next.components.schemas.Stage.properties.type.enum.push("Review2");
    const result = await updateSpec(root, JSON.stringify(next));

    expect(JSON.parse(await readFile(join(root, REPO_TARGETS.spec), "utf8"))).toEqual(next);
    const types = await readFile(join(root, REPO_TARGETS.outputs.types), "utf8");
    expect(types).toContain('| "Review2"');
    expect(result.changesetPath).toMatch(/^\.changeset\/spec-[0-9a-f]{12}\.md$/);
    const changeset = await readFile(join(root, result.changesetPath ?? ""), "utf8");
    expect(changeset).toContain('"@ango-hub/client": minor');
    expect(changeset).toContain('"@ango-hub/types": minor');
    expect(changeset).toContain('"@ango-hub/testing": minor');
    expect(changeset).not.toContain("codegen");
    expect(changeset).toContain("- `Stage.type` gains `Review2`");
    expect(describeUpdate(result)).toContain("[minor] `Stage.type` gains `Review2`");
  });

  test("an unchanged spec writes no changeset", async () => {
    const same = await readFile(seedPath, "utf8");
    const result = await updateSpec(root, same);
    expect(result.changesetPath).toBeUndefined();
    expect((await readdir(join(root, ".changeset"))).filter((f) => f.endsWith(".md"))).toEqual([]);
  });

  test("a file that is not JSON is refused before anything is written", async () => {
    const before = await readFile(join(root, REPO_TARGETS.spec), "utf8");
    await expect(updateSpec(root, "openapi: 3.0.3\n")).rejects.toThrow(/not valid JSON/);
    expect(await readFile(join(root, REPO_TARGETS.spec), "utf8")).toBe(before);
  });

  test("no text of the document becomes a path, or a line of its own in the changeset", async () => {
    const next = JSON.parse(await readFile(seedPath, "utf8"));
    next.info.version = "../../../escaped\nBODY\n---";
    next.components.schemas.Stage.properties.type.enum.push("x\nBODY\n`rm -rf /`");
    const result = await updateSpec(root, JSON.stringify(next));
    expect(result.changesetPath).toMatch(/^\.changeset\/spec-[0-9a-f]{12}\.md$/);
    expect(await readdir(join(root, ".changeset"))).toEqual([
      result.changesetPath?.slice(".changeset/".length),
    ]);
    const changeset = await readFile(join(root, result.changesetPath ?? ""), "utf8");
    expect(changeset.split("\n")).not.toContain("BODY");
    expect(changeset).toContain("`Stage.type` gains `x\\u000aBODY\\u000a'rm -rf /'`");
    expect(changeset).toContain("v2.0.0 → v../../../escaped\\u000aBODY\\u000a---.");
    expect(describeUpdate(result).split("\n")).not.toContain("BODY");
  });
});

describe("a failed update changes nothing", () => {
  /** Every file spec:update may touch, as it is now. */
  async function snapshot(): Promise<Record<string, string | undefined>> {
    const paths = [REPO_TARGETS.spec, ...Object.values(REPO_TARGETS.outputs)];
    const files: Record<string, string | undefined> = {};
    for (const path of paths) files[path] = await readFile(join(root, path), "utf8").catch(() => undefined);
    files[".changeset"] = (await readdir(join(root, ".changeset"))).join(",");
    return files;
  }
  const grown = async () => {
    const next = JSON.parse(await readFile(seedPath, "utf8"));
    next.components.schemas.Stage.properties.type.enum.push("Review2");
    return next;
  };

  test.each([
    [
      "a document over the size limit (25 MB), refused before it is parsed",
      async () => `{"openapi":"3.0.3","info":{"description":"${"x".repeat(25 * 1024 * 1024)}"}}`,
      new RegExp(
        `over the limit of ${DOCUMENT_LIMITS.maxDocumentBytes} \\(DOCUMENT_LIMITS\\.maxDocumentBytes`,
      ),
    ],
    [
      "a document nested 1,000 levels deep",
      async () => {
        const next = await grown();
        let deep: Record<string, unknown> = { type: "string" };
        for (let level = 0; level < 1_000; level++) deep = { type: "array", items: deep };
        next.components.schemas.Deep = deep;
        return JSON.stringify(next);
      },
      /#\/components\/schemas\/Deep\/items.*nested deeper than 100 levels/,
    ],
    [
      "a document the model accepts but openapi-typescript cannot read",
      async () => {
        const next = await grown();
        next.components.schemas.Stage.properties.valueOf = { type: "string" };
        return JSON.stringify(next);
      },
      /openapi-typescript could not read the document .*#\/components\/schemas\/Stage\/properties\/valueOf/,
    ],
  ])("%s", async (_what, build, message) => {
    const before = await snapshot();
    const failure = await updateSpec(root, await build()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SpecError);
    expect((failure as Error).message).toMatch(message);
    expect(await snapshot()).toEqual(before);
  });

  test("a write that fails halfway puts back every file already written", async () => {
    const before = await snapshot();
    // The types file's place is taken by a folder: its rename fails after the others were written.
    const types = join(root, REPO_TARGETS.outputs.types);
    await rm(types, { force: true });
    await mkdir(types, { recursive: true });
    await expect(updateSpec(root, JSON.stringify(await grown()))).rejects.toThrow();
    await rm(types, { recursive: true });
    expect({
      ...(await snapshot()),
      [REPO_TARGETS.outputs.types]: before[REPO_TARGETS.outputs.types],
    }).toEqual(before);
    expect((await readdir(join(root, ".changeset"))).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
