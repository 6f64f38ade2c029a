import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** A package the repository publishes: its folder under `packages/`, its name and its scripts. */
export interface PublishedPackage {
  dir: string;
  name: string;
  scripts: Record<string, string>;
}

/**
 * The published packages: every `packages/*` folder whose manifest is not `"private": true` (the rule
 * scripts/pack.sh and the release workflow apply), sorted by folder.
 */
export function publishedPackages(root: string): PublishedPackage[] {
  return readdirSync(join(root, "packages"))
    .sort()
    .flatMap((dir) => {
      const manifest = JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8")) as {
        name: string;
        private?: boolean;
        scripts?: Record<string, string>;
      };
      return manifest.private === true ? [] : [{ dir, name: manifest.name, scripts: manifest.scripts ?? {} }];
    });
}
