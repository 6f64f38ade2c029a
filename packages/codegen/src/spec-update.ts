import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readApiModel } from "./model.js";
import { generateRepo, REPO_TARGETS, writeFiles } from "./repo.js";
import { bumpFor, canonicalJson, changesetFor, diffSpecs, type SpecChange } from "./spec-diff.js";

export interface SpecUpdateResult {
  changes: SpecChange[];
  changesetPath: string | undefined;
  generated: string[];
}

/** Names of the workspace packages that are published (not `private`). */
async function publicPackages(root: string): Promise<string[]> {
  const names: string[] = [];
  for (const dir of (await readdir(join(root, "packages"))).sort()) {
    const manifest = await readFile(join(root, "packages", dir, "package.json"), "utf8").catch(
      () => undefined,
    );
    if (!manifest) continue;
    const pkg = JSON.parse(manifest);
    if (!pkg.private) names.push(pkg.name);
  }
  return names;
}

/**
 * Replaces the spec with `newSpecText`, regenerates every generated file, and writes a changeset whose
 * bump and text follow from the difference. Writes no changeset when nothing a consumer sees changed.
 */
export async function updateSpec(root: string, newSpecText: string): Promise<SpecUpdateResult> {
  let next: unknown;
  try {
    next = JSON.parse(newSpecText);
  } catch (error) {
    throw new Error(
      `The new spec is not valid JSON (${(error as Error).message}). Pass the vendor's OpenAPI JSON file.`,
    );
  }
  readApiModel(next); // refuses what the generator cannot handle before anything is written
  const specPath = join(root, REPO_TARGETS.spec);
  const previous = JSON.parse(await readFile(specPath, "utf8"));
  const changes = diffSpecs(previous, next);

  await writeFile(specPath, `${JSON.stringify(next, null, 2)}\n`);
  const files = await generateRepo(root);
  await writeFiles(root, files);

  const versions = {
    from: String((previous as { info?: { version?: string } }).info?.version ?? "?"),
    to: String((next as { info?: { version?: string } }).info?.version ?? "?"),
  };
  const text = changesetFor(changes, await publicPackages(root), versions);
  let changesetPath: string | undefined;
  if (text) {
    const id = createHash("sha256").update(canonicalJson(next)).digest("hex").slice(0, 8);
    changesetPath = join(".changeset", `spec-${versions.to}-${id}.md`);
    await writeFile(join(root, changesetPath), text);
  }
  return { changes, changesetPath, generated: files.map((f) => f.path) };
}

function run(root: string, command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    throw new Error(
      `\`${command} ${args.join(" ")}\` failed; the updated files are left in place to inspect.`,
    );
  }
}

/** The checks after an update: spec lint, then build, typecheck and the whole test suite. */
export function runChecks(root: string): void {
  run(root, "pnpm", ["run", "lint:spec"]);
  run(root, "pnpm", ["turbo", "run", "build", "typecheck", "test", "--output-logs=errors-only"]);
}

export function describeUpdate(result: SpecUpdateResult): string {
  const bump = bumpFor(result.changes);
  if (!bump) return "The spec's content did not change: no changeset written.";
  return [
    `${result.changes.length} change(s), ${bump} bump; changeset ${result.changesetPath}:`,
    ...result.changes.map((c) => `  [${c.bump}] ${c.message}`),
  ].join("\n");
}
