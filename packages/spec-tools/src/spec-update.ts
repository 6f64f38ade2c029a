import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  checkDocumentSize,
  type FileSnapshot,
  generateRepoWithNotices,
  REPO_OWNED_DIRS,
  readApiModel,
  readDocumentText,
  readRepoSpec,
  repoSpecFile,
  specFileFor,
  writeFiles,
} from "@ango-hub/codegen";
import { documentFormat } from "@ango-hub/openapi-reader/document-text";
import { bumpFor, canonicalJson, changesetFor, diffSpecs, type SpecChange } from "./spec-diff.js";

export interface SpecUpdateResult {
  changes: SpecChange[];
  changesetPath: string | undefined;
  generated: string[];
  /** What the written files held before, for restoreFiles when the checks after the update fail. */
  previousFiles: FileSnapshot;
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
 *
 * All or nothing: the document is checked, diffed and generated in memory first, and the spec, the
 * generated files and the changeset are then written together (see writeFiles). Any failure leaves the
 * repository as it was. The changeset's file name is a hash of the document's content: no text of the
 * document ever becomes a path.
 */
export async function updateSpec(root: string, newSpecText: string): Promise<SpecUpdateResult> {
  checkDocumentSize(Buffer.byteLength(newSpecText), "The new spec");
  // JSON or YAML, as the vendor serves it; kept in that format (spec/ holds one of the two files).
  const format = documentFormat(newSpecText);
  const next = readDocumentText(newSpecText, "The new spec");
  readApiModel(next); // refuses what the generator cannot handle before anything else runs
  const previousFile = repoSpecFile(root);
  const previous = await readRepoSpec(root);
  const changes = diffSpecs(previous, next);
  const specFile = specFileFor(format);
  const { files } = await generateRepoWithNotices(root, next, specFile);

  const info = (doc: unknown) => (doc as { info?: { version?: unknown } }).info?.version;
  const versions = { from: String(info(previous) ?? "?"), to: String(info(next) ?? "?") };
  const text = changesetFor(changes, await publicPackages(root), versions);
  const changesetPath = text
    ? `.changeset/spec-${createHash("sha256").update(canonicalJson(next)).digest("hex").slice(0, 12)}.md`
    : undefined;
  const written = [
    {
      path: specFile,
      // JSON is written indented; YAML as it came (its comments and layout are the vendor's).
      contents: format === "json" ? `${JSON.stringify(next, null, 2)}\n` : `${newSpecText.trimEnd()}\n`,
    },
    ...files,
    ...(text && changesetPath ? [{ path: changesetPath, contents: text }] : []),
  ];
  // A document that changed format replaces the file of the other format, in the same all-or-nothing write.
  const removed = previousFile === specFile ? [] : [previousFile];
  const previousFiles = await writeFiles(root, written, REPO_OWNED_DIRS, removed);
  return { changes, changesetPath, generated: files.map((f) => f.path), previousFiles };
}

function run(root: string, command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    throw new Error(`\`${command} ${args.join(" ")}\` failed.`);
  }
}

/**
 * The turbo tasks that check an update after the spec lint: build, typecheck and the tests that read the
 * document (the packages' own, and those of where the packed packages install and run). The regenerate
 * workflow runs the same (checked by test/workflows.test.ts), and the update rehearsal in a clone.
 */
export const UPDATE_CHECK_TASKS = ["build", "typecheck", "test", "test:environments"] as const;

/** The checks after an update: spec lint, then UPDATE_CHECK_TASKS. */
export function runChecks(root: string): void {
  run(root, "pnpm", ["run", "lint:spec"]);
  run(root, "pnpm", ["turbo", "run", ...UPDATE_CHECK_TASKS, "--output-logs=errors-only"]);
}

export function describeUpdate(result: SpecUpdateResult): string {
  const bump = bumpFor(result.changes);
  if (!bump) return "The spec's content did not change: no changeset written.";
  return [
    `${result.changes.length} change(s), ${bump} bump; changeset ${result.changesetPath}:`,
    ...result.changes.map((c) => `  [${c.bump}] ${c.message}`),
  ].join("\n");
}
