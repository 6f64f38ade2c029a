// The spec lint: Redocly's `recommended` rules on the spec. A style finding is the vendor's to fix: it is
// reported (and written as Markdown for the update's pull request) and never fails the lint. Only a
// document that is not a valid, self-contained OpenAPI description fails: one an independent validator
// (@seriousme/openapi-schema-validator, the OpenAPI Initiative's JSON Schemas) refuses, or whose
// references Redocly cannot resolve. Redocly's own `struct` rule is reported, not trusted to fail: it
// refuses keywords OpenAPI 3.1's JSON Schema allows.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { plainText, readRepoSpec, repoSpecFile } from "@ango-hub/codegen";
import { Validator } from "@seriousme/openapi-schema-validator";

/** Rules whose findings mean the document is not valid OpenAPI (the codegen would refuse it too). */
const STRUCTURAL_RULES = new Set(["no-unresolved-refs"]);

interface Problem {
  ruleId: string;
  message: string;
  location?: { pointer?: string }[];
}

/** What the lint found: the summary for a terminal, the Markdown for a pull request, and whether it fails. */
export interface SpecLintResult {
  summary: string;
  markdown: string;
  /** A structural problem: the document is not valid OpenAPI. */
  failed: boolean;
}

/** Why Redocly gave no findings to read (it did not run, or printed no report). */
export class SpecLintError extends Error {
  override name = "SpecLintError";
}

/** Lints the spec of the repository at `root` (JSON or YAML, whichever spec/ holds) under spec/redocly.yaml. */
export async function lintSpec(root: string): Promise<SpecLintResult> {
  const result = spawnSync(
    join(root, "node_modules", ".bin", "redocly"),
    ["lint", repoSpecFile(root), "--config", "spec/redocly.yaml", "--format=json", "--max-problems=100000"],
    { cwd: root, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
  );
  let problems: Problem[];
  try {
    problems = (JSON.parse(result.stdout) as { problems: Problem[] }).problems;
  } catch {
    throw new SpecLintError(`Redocly did not report its findings (exit ${result.status}):\n${result.stderr}`);
  }
  const line = (p: Problem) =>
    `${p.ruleId} at ${plainText(p.location?.[0]?.pointer ?? "?", 160)}: ${plainText(p.message, 300)}`;
  const verdict = await new Validator().validate((await readRepoSpec(root)) as Record<string, unknown>);
  const invalid: Problem[] = verdict.valid
    ? []
    : [verdict.errors]
        .flat()
        .slice(0, 20)
        .map((error) => ({
          ruleId: "openapi-schema-validator",
          message:
            typeof error === "string"
              ? error
              : `${(error as { message?: string })?.message ?? "is not valid"}`,
          location: [{ pointer: `#${(error as { instancePath?: string })?.instancePath ?? ""}` }],
        }));
  const structural = [...invalid, ...problems.filter((p) => STRUCTURAL_RULES.has(p.ruleId))];
  const style = problems.filter((p) => !STRUCTURAL_RULES.has(p.ruleId));
  const counts = new Map<string, number>();
  for (const p of style) counts.set(p.ruleId, (counts.get(p.ruleId) ?? 0) + 1);

  const summary = [
    `${repoSpecFile(root)}: ${structural.length} structural problem(s), ${style.length} style finding(s) for the vendor.`,
    ...[...counts].map(([rule, count]) => `  ${rule}: ${count}`),
    ...style.slice(0, 20).map((p) => `  - ${line(p)}`),
    ...structural.map((p) => `  ✗ ${line(p)}`),
  ].join("\n");
  const markdown = [
    `**Spec lint** (Redocly \`recommended\`): ${style.length} style finding(s) in the vendor's document, for the vendor to fix; they do not stop the update.`,
    "",
    ...[...counts].map(([rule, count]) => `- \`${rule}\`: ${count}`),
    ...(structural.length > 0
      ? ["", `**${structural.length} structural problem(s):**`, ...structural.map((p) => `- \`${line(p)}\``)]
      : []),
  ].join("\n");
  return { summary, markdown: `${markdown}\n`, failed: structural.length > 0 };
}
