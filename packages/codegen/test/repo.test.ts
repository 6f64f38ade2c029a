import { seedDocument } from "@ango-hub/test-support/seed";
import { describe, expect, test } from "vitest";
import {
  driftMessage,
  findDrift,
  findRepoRoot,
  generateRepo,
  REPO_TARGETS,
  readApiModel,
} from "../src/index.js";

const root = findRepoRoot();

describe("this repository's generated files", () => {
  test("are exactly what the spec produces (drift check)", async () => {
    const drifted = await findDrift(root, await generateRepo(root));
    // On failure this names the stale files and the command that fixes them.
    expect(drifted, drifted.length ? driftMessage(drifted) : "").toEqual([]);
  });

  test("generation is deterministic: a rerun gives byte-identical output", async () => {
    const first = await generateRepo(root);
    const second = await generateRepo(root);
    expect(second).toEqual(first);
    expect(first.map((f) => f.path).sort()).toEqual(Object.values(REPO_TARGETS.outputs).sort());
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
