import { Biome } from "@biomejs/js-api/nodejs";

/**
 * One Biome workspace per formatter configuration (by its JSON): a configuration applied to a workspace
 * holds for all its projects, so a call with other settings gets a workspace of its own.
 */
const workspaces = new Map<string, { biome: Biome; projectKey: number }>();

/**
 * The largest file Biome is asked to format, and (biome.json's `files.maxSize`) to check. Its own default
 * (1 MiB) is far below what a large document generates (GitHub's REST description: 4.0 MB of types, 2.7 MB
 * of operations; Stripe's: 5.6 MiB of MCP tools): over it the formatter fails with no message, and
 * `biome check` skips the file with a warning, which `--error-on-warnings` fails.
 */
export const MAX_FORMATTED_BYTES = 256 * 1024 * 1024;

/** Formats TypeScript with the repo's own Biome formatter settings, so generated files pass `biome check`. */
export function formatTypeScript(source: string, filePath: string, formatterConfig: object): string {
  const settings = JSON.stringify(formatterConfig);
  let workspace = workspaces.get(settings);
  if (!workspace) {
    const biome = new Biome();
    const { projectKey } = biome.openProject();
    biome.applyConfiguration(projectKey, { ...formatterConfig, files: { maxSize: MAX_FORMATTED_BYTES } });
    workspace = { biome, projectKey };
    workspaces.set(settings, workspace);
  }
  let result: { content: string; diagnostics: { severity: string; description: string }[] };
  try {
    result = workspace.biome.formatContent(workspace.projectKey, source, { filePath });
  } catch (error) {
    // Biome's WebAssembly errors can have an empty message: say what was being done.
    const reason =
      error instanceof Error && error.message ? error.message : String(error) || "no reason given";
    throw new Error(
      `Biome could not format the generated ${filePath} (${source.length} characters): ${reason}`,
    );
  }
  const errors = result.diagnostics.filter((d) => d.severity === "error" || d.severity === "fatal");
  if (errors.length > 0) {
    throw new Error(
      `Generated ${filePath} is not valid TypeScript: ${errors.map((d) => d.description).join("; ")}`,
    );
  }
  return result.content;
}
