// Shared by the packages' README tests: every package README has an example that a test runs.
import { execFile } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { nativeTsc } from "./native-tsc.js";
import { isSeedOperation, type OperationRoute, seedRoutes } from "./seed.js";

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
 * What a README's code calls on a client (`ango.name(`, or on another variable of `clients`) that the
 * spec does not give as the example expects: a member `client` (a real one, made from the spec's generated
 * code) lacks, or one of the seed's operations that `operations` (the generated list's descriptors) sends
 * another way. An example written for the seed's operation runs only while the spec has it as the seed
 * does; otherwise its test skips, saying so.
 */
export function missingMembers(
  code: string,
  client: object,
  operations: Record<string, OperationRoute | undefined>,
  clients: readonly string[] = ["ango"],
): string[] {
  const called = new RegExp(`\\b(?:${clients.join("|")})\\s*\\.\\s*(\\w+)\\s*\\(`, "g");
  // The standalone functions it imports from the client package (`createAngoRuntime`'s style) too.
  const imported = [...code.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@ango-hub\/client"/g)].flatMap((match) =>
    (match[1] ?? "").split(",").map(
      (item) =>
        item
          .trim()
          .replace(/^type\s+/, "")
          .split(/\s+as\s+/)[0] ?? "",
    ),
  );
  const seed = seedRoutes();
  const members = [...code.matchAll(called)].map((match) => match[1] as string);
  return [...new Set([...members, ...imported.filter((name) => seed.has(name))])].flatMap((name) => {
    if (members.includes(name) && !(name in client)) return [name];
    const route = seed.get(name);
    return route && !isSeedOperation(name, operations) ? [`${name} as ${route.method} ${route.path}`] : [];
  });
}

/** A test title's ending for an example skipped by missingMembers, naming what to update. */
export function skippedFor(missing: readonly string[], readme: string): string {
  return missing.length > 0 ? ` — skipped: the spec has no ${missing.join(", ")}; update ${readme}` : "";
}

/**
 * The words of one shell line as a README writes them: plain words and single-quoted strings, a trailing
 * `# comment` left out. (No other quoting: an example that needs it is not one a reader can copy.)
 */
export function shellWords(line: string): string[] {
  const code = line.replace(/\s+#.*$/, "");
  return [...code.matchAll(/'([^']*)'|(\S+)/g)].map((match) => (match[1] ?? match[2]) as string);
}

/**
 * Type-checks `code` (a README block no test runs: it would reach a real server) strictly, as a file of
 * the package at `packageDir`, so the package's own name and dependencies resolve as a user's would.
 * Returns the compiler's complaints, empty when it compiles. With TypeScript 7, as every `typecheck`
 * task (about a fifth of 5.9's time per example); 5.9 still compiles what consumers get (the consumer
 * tests' strict compile of the packed packages, the hover tests).
 */
export async function typeCheckExample(packageDir: URL, code: string): Promise<string[]> {
  const dir = fileURLToPath(new URL(".readme-check/", packageDir));
  await mkdir(dir, { recursive: true });
  try {
    await writeFile(`${dir}example.ts`, `${code}\nexport {};\n`);
    await writeFile(
      `${dir}tsconfig.json`,
      JSON.stringify({
        extends: "../tsconfig.json",
        compilerOptions: { noEmit: true, exactOptionalPropertyTypes: true },
        include: ["example.ts"],
      }),
    );
    return await run(process.execPath, [nativeTsc, "-p", dir, "--pretty", "false"], { cwd: dir }).then(
      () => [],
      (error: { stdout?: string }) => (error.stdout ?? String(error)).trim().split("\n"),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
