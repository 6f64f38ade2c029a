import { createHash } from "node:crypto";
import { seedDocument } from "@ango-hub/test-support/seed";
import { describe, expect, test } from "vitest";
import {
  driftMessage,
  findDrift,
  findRepoRoot,
  generateRepo,
  REPO_OWNED_DIRS,
  REPO_TARGETS,
  RESPONSE_SCHEMAS_FILE,
  readApiModel,
  readRepoSpec,
  restoreFiles,
  writeFiles,
} from "../src/index.js";

const root = findRepoRoot();

describe("this repository's generated files", () => {
  test("are exactly what the spec produces (drift check)", async () => {
    const drifted = await findDrift(root, await generateRepo(root), REPO_OWNED_DIRS);
    // On failure this names the stale files and the command that fixes them.
    expect(drifted, drifted.length ? driftMessage(drifted) : "").toEqual([]);
  });

  test("generation is deterministic: a rerun gives byte-identical output", async () => {
    const first = await generateRepo(root);
    const second = await generateRepo(root);
    expect(second).toEqual(first);
    const { responses, ...files } = REPO_TARGETS.outputs;
    expect(
      first
        .map((f) => f.path)
        .filter((path) => !path.startsWith(`${responses}/`))
        .sort(),
    ).toEqual(Object.values(files).sort());
    // One response plan per operation that declares responses, named by a hash of the operation's name.
    const operations = readApiModel(await readRepoSpec(root)).operations;
    const plans = operations
      .filter((op) => Object.keys(op.responsePlan.responses).length > 0)
      .map((op) => `${responses}/${createHash("sha256").update(op.name).digest("hex").slice(0, 12)}.ts`);
    expect(plans.length).toBeGreaterThan(0);
    // Their schemas, each once, in one module beside them.
    plans.unshift(`${responses}/${RESPONSE_SCHEMAS_FILE}.ts`);
    expect(first.map((f) => f.path).filter((path) => path.startsWith(`${responses}/`))).toEqual(plans);
  });

  test("a stale file is reported by path with the fixing command", async () => {
    const files = await generateRepo(root);
    const stale = files.map((f) =>
      f.path.endsWith("servers.ts") ? { ...f, contents: `${f.contents}// edited\n` } : f,
    );
    const drifted = await findDrift(root, stale);
    expect(drifted).toEqual([REPO_TARGETS.outputs.servers]);
    expect(driftMessage(drifted)).toMatch(
      /packages\/client\/src\/generated\/servers\.ts[\s\S]*pnpm generate/,
    );
  });

  test("a file the codegen no longer writes in its own folder is drift, and writing removes it", async () => {
    const { mkdtemp, mkdir, writeFile, readdir } = await import("node:fs/promises");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const scratch = await mkdtemp(join(tmpdir(), "ango-owned-"));
    const dir = REPO_TARGETS.outputs.responses;
    await mkdir(join(scratch, dir), { recursive: true });
    await writeFile(join(scratch, dir, "removedOperation.ts"), "// from an older spec\n");
    const files = [{ path: `${dir}/kept.ts`, contents: "// kept\n" }];
    expect(await findDrift(scratch, files, REPO_OWNED_DIRS)).toEqual([
      `${dir}/removedOperation.ts`,
      `${dir}/kept.ts`,
    ]);
    const before = await writeFiles(scratch, files, REPO_OWNED_DIRS);
    expect(await readdir(join(scratch, dir))).toEqual(["kept.ts"]);
    await restoreFiles(scratch, before);
    expect(await readdir(join(scratch, dir))).toEqual(["removedOperation.ts"]);
  });

  test("the Ango seed yields the eu/us/in/test presets, eu first, and the apikey header", async () => {
    // The frozen seed: a vendor document that adds servers must not change what this test checks.
    const spec = seedDocument();
    const model = readApiModel(spec);
    expect(model.servers.map((s) => [s.key, s.url])).toEqual([
      ["eu", "https://imeritapi.ango.ai/v2"],
      ["us", "https://us-api.ango.ai/v2"],
      ["in", "https://in-api.ango.ai/v2"],
      ["test", "https://testapi.ango.ai/v2"],
    ]);
    expect(model.apiKeyScheme).toEqual({ schemeName: "ApiKeyAuth", in: "header", name: "apikey" });
    expect(model.operations.map((op) => op.name)).toEqual(["updateProjectBatches"]);
  });
});
