// Shared by the packages' README tests: every package README has an example that a test runs.
import { execFile } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The fenced code block of `lang` in the package's README: the first, or the one at `index`. */
export async function readmeBlock(packageDir: URL, lang: "ts" | "js", index = 0): Promise<string> {
  const readme = await readFile(new URL("README.md", packageDir), "utf8");
  const blocks = [...readme.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, "g"))];
  const block = blocks[index]?.[1];
  if (block === undefined)
    throw new Error(`No \`\`\`${lang} block number ${index + 1} in ${fileURLToPath(packageDir)}README.md`);
  return block;
}

/**
 * Runs `code` from a file inside the package directory, so the package's own name and dependencies
 * resolve as they would for a user: `.ts` with the package's tsx, `.mjs` with node. Returns stdout.
 */
export async function runInPackage(
  packageDir: URL,
  code: string,
  extension: ".ts" | ".mjs",
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  return (await runInPackageOutput(packageDir, code, extension, env)).stdout;
}

/** runInPackage, with what the example wrote to stderr too. */
export async function runInPackageOutput(
  packageDir: URL,
  code: string,
  extension: ".ts" | ".mjs",
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ stdout: string; stderr: string }> {
  const dir = fileURLToPath(packageDir);
  const script = `${dir}.readme-example${extension}`;
  await writeFile(script, code);
  try {
    const [command, args] =
      extension === ".ts" ? [`${dir}node_modules/.bin/tsx`, [script]] : [process.execPath, [script]];
    const { stdout, stderr } = await run(command, args, { cwd: dir, env });
    return { stdout, stderr };
  } finally {
    await rm(script, { force: true });
  }
}

/**
 * What a README's code calls on a client (`ango.name(`, or on another variable of `clients`) that
 * `client`, a real one made from the spec's generated code, does not have: an example written for the
 * seed's operation, which its test runs only while the spec has it, and otherwise skips saying so.
 */
export function missingMembers(
  code: string,
  client: object,
  clients: readonly string[] = ["ango"],
): string[] {
  const called = new RegExp(`\\b(?:${clients.join("|")})\\s*\\.\\s*(\\w+)\\s*\\(`, "g");
  return [...new Set([...code.matchAll(called)].map((match) => match[1] as string))].filter(
    (name) => !(name in client),
  );
}

/** A test title's ending for an example skipped by missingMembers, naming what to update. */
export function skippedFor(missing: readonly string[], readme: string): string {
  return missing.length > 0 ? ` — skipped: the spec has no ${missing.join(", ")}; update ${readme}` : "";
}
