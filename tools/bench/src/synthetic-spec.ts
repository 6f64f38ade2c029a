// Synthetic specs of any size, made from the seed Ango document: its components are kept as they are
// (realistic schemas), and the one real operation is repeated with variations.

import { seedDocument } from "@ango-hub/test-support/seed";

// The frozen seed: the synthetic specs stay the same whatever the vendor's next document holds.
const seed = seedDocument();

export function syntheticSpec(operationCount: number): object {
  if (operationCount === 1) return structuredClone(seed);
  const template = seed.paths["/batches/{projectId}"].post;
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < operationCount; i++) {
    const withQuery = i % 3 === 1;
    paths[`/resource${i}/{projectId}`] = {
      [i % 2 ? "put" : "post"]: {
        ...structuredClone(template),
        operationId: `updateResource${i}`,
        summary: `Update resource ${i}`,
        parameters: [
          { $ref: "#/components/parameters/ProjectIdParam" },
          ...(withQuery ? [{ name: "dryRun", in: "query", schema: { type: "boolean" } }] : []),
        ],
      },
    };
  }
  return { ...structuredClone(seed), paths };
}
