// Synthetic specs of any size, made from the real Ango document: its components are kept as they are
// (realistic schemas), and the one real operation is repeated with variations.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** A file of the spec package (the vendor's document and the docs' examples), by name. */
const specFile = (name: string) => createRequire(import.meta.url).resolve(`@ango-hub/spec/${name}`);

const seed = JSON.parse(readFileSync(specFile("ango-hub-v2.openapi.json"), "utf8"));

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
