// One module per operation with its response plan (response-plans.ts), loaded by the client only when
// response validation is on, so a bundle that never validates carries none of them.
import type { ApiModel, OperationModel } from "./model.js";

/** Windows refuses these as file names, whatever the extension. */
const DEVICE_NAMES = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * Each operation's plan file name (without `.ts`), by operation name: the name itself, which the naming
 * rule keeps to identifier characters and unique regardless of case, with `$` written as `-`. Only
 * operations that declare responses get one.
 */
export function responseFileNames(model: ApiModel): Map<string, string> {
  const files = new Map<string, string>();
  const taken = new Set<string>();
  for (const op of model.operations) {
    if (Object.keys(op.responsePlan.responses).length === 0) continue;
    const stem = op.name.replaceAll("$", "-");
    let file = DEVICE_NAMES.test(stem) ? `${stem}-op` : stem;
    for (let suffix = 2; taken.has(file.toLowerCase()); suffix++) file = `${stem}-${suffix}`;
    if (!/^[A-Za-z0-9_-]+$/.test(file)) throw new Error(`Unexpected plan file name for ${op.name}.`);
    taken.add(file.toLowerCase());
    files.set(op.name, file);
  }
  return files;
}

/**
 * The plan module of one operation. Its text from the document (property names, enum values, media
 * types) is in one JSON string literal read by JSON.parse: an object literal would make a `"__proto__"`
 * property the object's prototype.
 */
export function emitResponsePlan(op: OperationModel, planModule: string): string {
  return `import type { ResponsePlan } from ${JSON.stringify(planModule)};

/** The responses \`${op.name}\` declares, for response validation. */
export const responses: ResponsePlan = JSON.parse(${JSON.stringify(JSON.stringify(op.responsePlan))});
`;
}
