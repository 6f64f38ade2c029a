import { describe, expect, test } from "vitest";
import { bumpFor, changesetFor, diffSpecs } from "../src/spec-diff.js";
import { edit, op, pairs, schemas, seed } from "./support/spec-diff-pairs.js";

describe("spec diff: one fixture pair per rule", () => {
  test.each(pairs)("%s", (_name, next, bump, message) => {
    const changes = diffSpecs(seed, next);
    expect(changes.map((c) => c.message)).toContain(message);
    expect(changes.find((c) => c.message === message)?.bump).toBe(bump);
    expect(bumpFor(changes)).toBe(bump);
  });

  test("parameter removed (old spec has it, new one does not)", () => {
    const withParam = edit((d) =>
      op(d).parameters.push({ name: "dryRun", in: "query", schema: { type: "boolean" } }),
    );
    const changes = diffSpecs(withParam, seed);
    expect(changes).toEqual([
      { bump: "major", message: "`updateProjectBatches`: query parameter `dryRun` removed" },
    ]);
  });

  test("a no-op change (same content, other formatting) records nothing and writes no changeset", () => {
    const reformatted = JSON.parse(JSON.stringify(seed, null, 4));
    const changes = diffSpecs(seed, reformatted);
    expect(changes).toEqual([]);
    expect(changesetFor(changes, ["@ango-hub/types"], { from: "2.0.0", to: "2.0.0" })).toBeUndefined();
  });

  test("a document whose only change is key order records nothing and writes no changeset", () => {
    // Every object's keys reversed, all the way down: components.schemas, properties, responses...
    const reverse = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reverse);
      if (typeof value !== "object" || value === null) return value;
      return Object.fromEntries(
        Object.entries(value)
          .reverse()
          .map(([k, v]) => [k, reverse(v)]),
      );
    };
    const reordered = reverse(seed) as typeof seed;
    expect(Object.keys(reordered.components.schemas)).not.toEqual(Object.keys(seed.components.schemas));
    const changes = diffSpecs(seed, reordered);
    expect(changes).toEqual([]);
    expect(changesetFor(changes, ["@ango-hub/types"], { from: "2.0.0", to: "2.0.0" })).toBeUndefined();
  });

  test("the changeset lists every change in a consumer's words under the largest bump", () => {
    const next = edit((d) => {
      schemas(d).Stage.properties.type.enum.push("Review2");
      schemas(d).Tool.properties.tool.enum.pop();
      d.info.version = "2.1.0";
    });
    const text = changesetFor(diffSpecs(seed, next), ["@ango-hub/types", "@ango-hub/client"], {
      from: "2.0.0",
      to: "2.1.0",
    });
    expect(text).toBe(
      `---
"@ango-hub/types": major
"@ango-hub/client": major
---

Follow the Ango Hub API spec v2.0.0 → v2.1.0.

Breaking:

- \`Tool.tool\` loses \`angle\`

Added:

- \`Stage.type\` gains \`Review2\`
`,
    );
  });
});
