// One module per operation with its response plan (response-plans.ts), and the index that maps each
// descriptor's plan key to its module: imported by response validation alone, so a bundle that never
// validates carries none of them.
import { createHash } from "node:crypto";
import type { ApiModel, OperationModel } from "./model.js";

/**
 * Each operation's plan file name (without `.ts`), by operation name: the first 12 hex digits of the
 * SHA-256 of the name, so no text of the document becomes a file path (as the changeset is named), names
 * stay stable while the operation's name does, and no two differ only in case. Only operations that
 * declare responses get one.
 */
export function responseFileNames(model: ApiModel): Map<string, string> {
  const files = new Map<string, string>();
  const taken = new Set<string>();
  for (const op of model.operations) {
    if (Object.keys(op.responsePlan.responses).length === 0) continue;
    const file = createHash("sha256").update(op.name).digest("hex").slice(0, 12);
    if (taken.has(file)) throw new Error(`Two operations' plan files would share the name ${file}.`);
    taken.add(file);
    files.set(op.name, file);
  }
  return files;
}

/**
 * The module every plan takes its schemas from (`schemas.ts` beside them: no hash of 12 hex digits
 * can be that name). Loaded with the first plan a client checks against; each schema is in it once.
 */
export const RESPONSE_SCHEMAS_FILE = "schemas";

/** The plan index's file name (no hash of 12 hex digits can be it either). */
export const RESPONSE_INDEX_FILE = "index";

/**
 * The plan index: each key (a file name of responseFileNames) to a loader of its plan, so the plans
 * are separate modules (chunks in a bundle) loaded on an operation's first validated call.
 */
export function emitResponseIndex(files: ReadonlyMap<string, string>, planModule: string): string {
  // responseFileNames gives each operation its own file (it refuses two alike).
  const entries = [...files.values()]
    .sort()
    .map(
      (file) => `  ${JSON.stringify(file)}: () => import("./${file}.js").then((module) => module.responses),`,
    );
  return `import type { ResponsePlan } from ${JSON.stringify(planModule)};

/** Each operation's response plan by its key (a descriptor's \`responsePlan\`), loaded on first use. */
export const responsePlans: Readonly<Record<string, () => Promise<ResponsePlan>>> = {
${entries.join("\n")}
};
`;
}

/**
 * The shared schemas module. Text from the document (property names, enum values) is in one JSON string
 * literal read by JSON.parse: an object literal would make a `"__proto__"` property the object's prototype.
 */
export function emitResponseSchemas(model: ApiModel, planModule: string): string {
  return `import type { ShapeNode } from ${JSON.stringify(planModule)};

/** Every schema the operations' response plans index into, for response validation. */
export const schemas: readonly ShapeNode[] = JSON.parse(${JSON.stringify(JSON.stringify(model.responseSchemas))});
`;
}

/** The plan module of one operation: its statuses and media types (JSON, as above), over the shared schemas. */
export function emitResponsePlan(op: OperationModel, planModule: string): string {
  return `import type { ResponsePlan } from ${JSON.stringify(planModule)};
import { schemas } from "./${RESPONSE_SCHEMAS_FILE}.js";

/** The responses \`${op.name}\` declares, for response validation. */
export const responses: ResponsePlan = {
  responses: JSON.parse(${JSON.stringify(JSON.stringify(op.responsePlan.responses))}),
  schemas,
};
`;
}
