import { Biome } from "@biomejs/js-api/nodejs";

let biome: { instance: Biome; projectKey: number } | undefined;

/**
 * The largest file Biome is asked to format. Its own default (1 MiB) is far below what a large document
 * generates (GitHub's REST description: 4.0 MB of types, 2.7 MB of operations); over that Biome fails with no message.
 */
export const MAX_FORMATTED_BYTES = 256 * 1024 * 1024;

/** Formats TypeScript with the repo's own Biome formatter settings, so generated files pass `biome check`. */
export function formatTypeScript(source: string, filePath: string, formatterConfig: object): string {
  if (!biome) {
    const instance = new Biome();
    const { projectKey } = instance.openProject();
    instance.applyConfiguration(projectKey, { ...formatterConfig, files: { maxSize: MAX_FORMATTED_BYTES } });
    biome = { instance, projectKey };
  }
  let result: { content: string; diagnostics: { severity: string; description: string }[] };
  try {
    result = biome.instance.formatContent(biome.projectKey, source, { filePath });
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
