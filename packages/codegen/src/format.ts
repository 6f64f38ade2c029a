import { Biome } from "@biomejs/js-api/nodejs";

let biome: { instance: Biome; projectKey: number } | undefined;

/** Formats TypeScript with the repo's own Biome formatter settings, so generated files pass `biome check`. */
export function formatTypeScript(source: string, filePath: string, formatterConfig: object): string {
  if (!biome) {
    const instance = new Biome();
    const { projectKey } = instance.openProject();
    instance.applyConfiguration(projectKey, formatterConfig);
    biome = { instance, projectKey };
  }
  const result = biome.instance.formatContent(biome.projectKey, source, { filePath });
  const errors = result.diagnostics.filter((d) => d.severity === "error" || d.severity === "fatal");
  if (errors.length > 0) {
    throw new Error(
      `Generated ${filePath} is not valid TypeScript: ${errors.map((d) => d.description).join("; ")}`,
    );
  }
  return result.content;
}
