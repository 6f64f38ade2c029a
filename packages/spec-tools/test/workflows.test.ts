import { execFileSync, spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findRepoRoot } from "@ango-hub/codegen";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { UPDATE_CHECK_TASKS } from "../src/index.js";

// The regenerate workflow runs codegen, build and tests on the vendor's document, which is untrusted:
// these are the properties that keep that document away from the write token (GitHub's guidance for
// workflows that handle untrusted input), checked on the workflow files themselves.
const root = findRepoRoot();
const workflowsDir = join(root, ".github", "workflows");

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  id?: string;
}
interface Job {
  permissions?: Record<string, string> | string;
  needs?: string | string[];
  steps: Step[];
}
interface Workflow {
  permissions?: Record<string, string> | string;
  jobs: Record<string, Job>;
}

const workflows: Record<string, Workflow> = {};
for (const file of (await readdir(workflowsDir)).filter((f) => f.endsWith(".yml")))
  workflows[file] = parse(await readFile(join(workflowsDir, file), "utf8"));
const regenerate = workflows["regenerate.yml"] as Workflow;
const jobText = (job: Job) => JSON.stringify(job);
const updateJob = Object.values(regenerate.jobs).find((job) => jobText(job).includes("spec:update")) as Job;
const prJob = Object.values(regenerate.jobs).find((job) =>
  job.steps.some((s) => s.uses?.startsWith("peter-evans/create-pull-request@")),
) as Job;

describe("workflows", () => {
  test("every action is pinned by a full commit SHA", () => {
    for (const [file, workflow] of Object.entries(workflows)) {
      for (const job of Object.values(workflow.jobs)) {
        for (const step of job.steps.filter((s) => s.uses)) {
          expect(step.uses, file).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w.-]+)*@[0-9a-f]{40}$/);
        }
      }
    }
  });
});

describe("the release workflow publishes with npm trusted publishing", () => {
  const release = workflows["release.yml"] as Workflow;
  const steps = Object.values(release.jobs).flatMap((job) => job.steps);

  test("an OIDC id token and no long-lived npm token anywhere", () => {
    expect(release.permissions).toMatchObject({ "id-token": "write" });
    const text = JSON.stringify(release);
    expect(text).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN|_authToken/);
    // setup-node's registry-url writes an .npmrc that expects a token, which stands in OIDC's way.
    for (const step of steps.filter((s) => s.uses?.startsWith("actions/setup-node@")))
      expect(step.with?.["registry-url"]).toBeUndefined();
  });

  test("npm 11.5.1 or later: Node 24 ships it, and a step checks it before publishing", () => {
    const setupNode = steps.find((s) => s.uses?.startsWith("actions/setup-node@"));
    expect(Number(setupNode?.with?.["node-version"])).toBeGreaterThanOrEqual(24);
    const check = steps.find((s) => s.run?.includes("npm --version")) as Step;
    const publish = steps.findIndex((s) => s.uses?.startsWith("changesets/action@"));
    expect(steps.indexOf(check)).toBeGreaterThanOrEqual(0);
    expect(steps.indexOf(check)).toBeLessThan(publish);
    // The check's own rule, run on versions either side of 11.5.1.
    const script = /node -e '([\s\S]*?)' "\$\(npm --version\)"/.exec(check.run ?? "")?.[1] ?? "";
    const accepts = (version: string) =>
      spawnSync(process.execPath, ["-e", script, version], { encoding: "utf8" }).status === 0;
    expect(["11.5.1", "11.6.0", "12.0.0"].map(accepts)).toEqual([true, true, true]);
    expect(["11.5.0", "11.4.9", "10.9.2"].map(accepts)).toEqual([false, false, false]);
  });
});

describe("the regenerate workflow gives the vendor's document no write access", () => {
  test("the workflow grants nothing by default; each job asks for its own", () => {
    expect(regenerate.permissions).toEqual({});
  });

  test("the job that runs spec:update, build and tests can only read, keeps no credentials and sees no secret", () => {
    expect(updateJob.permissions).toEqual({ contents: "read" });
    const checkout = updateJob.steps.find((s) => s.uses?.startsWith("actions/checkout@"));
    expect(checkout?.with?.["persist-credentials"]).toBe(false);
    expect(jobText(updateJob)).not.toMatch(/secrets\.|GITHUB_TOKEN|github\.token/);
    // A cache written by this job could carry the document's code into another run.
    expect(jobText(updateJob)).not.toMatch(/actions\/cache@|"cache":/);
    const runs = updateJob.steps.map((s) => s.run ?? "").join("\n");
    expect(runs).toContain("pnpm spec:update");
    expect(runs).toContain(`pnpm turbo run ${UPDATE_CHECK_TASKS.join(" ")} --output-logs=errors-only`);
    expect(runs).not.toMatch(/GITHUB_OUTPUT|GITHUB_ENV|GITHUB_PATH/);
  });

  test("the job with the write token needs the first, installs nothing and runs no code of the repository", () => {
    expect(prJob.needs).toBe(
      Object.keys(regenerate.jobs).find((name) => regenerate.jobs[name] === updateJob),
    );
    expect(prJob.permissions).toEqual({ contents: "write", "pull-requests": "write" });
    const runs = prJob.steps.map((s) => s.run ?? "").join("\n");
    expect(runs).not.toMatch(/\b(pnpm|npm|npx|node|tsx|turbo|yarn|corepack|make)\b/);
    expect(prJob.steps.filter((s) => s.uses).map((s) => s.uses?.split("@")[0])).toEqual([
      "actions/checkout",
      "actions/download-artifact",
      "peter-evans/create-pull-request",
    ]);
  });

  test("no text from the first job becomes a step output: the body goes as a file, the title is fixed", () => {
    const runs = prJob.steps.map((s) => s.run ?? "").join("\n");
    for (const line of runs.split("\n").filter((l) => l.includes("GITHUB_OUTPUT")))
      expect(line).toMatch(
        /^\s*(if .*; then )?echo "[a-z]+=[A-Za-z ()/-]*" >> "\$GITHUB_OUTPUT"(; exit 0; fi)?$/,
      );
    const open = prJob.steps.find((s) => s.uses?.startsWith("peter-evans/create-pull-request@"));
    expect(open?.with?.["body-path"]).toBeDefined();
    expect(open?.with?.body).toBeUndefined();
    expect(JSON.stringify(regenerate)).not.toMatch(/\$\{\{\s*steps\.[a-z]+\.outputs\.body/);
  });
});

describe("the pull-request job applies only a patch of generated paths", () => {
  const applyScript = prJob.steps.find((s) => s.id === "apply")?.run as string;
  let repo: string;
  let temp: string;

  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });
  /** Runs the step's own script on a patch made from `change`, as the runner would. */
  async function applyPatchOf(
    change: () => Promise<void>,
  ): Promise<{ status: number | null; output: string }> {
    await change();
    git("add", "-A");
    const patch = execFileSync("git", ["diff", "--cached", "--binary"], { cwd: repo });
    git("reset", "-q", "--hard");
    git("clean", "-qfd");
    await writeFile(join(temp, "result", "regenerate.patch"), patch);
    const result = spawnSync("bash", ["-e", "-c", applyScript], {
      cwd: repo,
      env: { ...process.env, RUNNER_TEMP: temp, GITHUB_OUTPUT: join(temp, "output") },
      encoding: "utf8",
    });
    return { status: result.status, output: result.stdout + result.stderr };
  }

  beforeEach(async () => {
    repo = await mkdtemp(join(tmpdir(), "regenerate-repo-"));
    temp = await mkdtemp(join(tmpdir(), "regenerate-temp-"));
    await mkdir(join(temp, "result"));
    await mkdir(join(repo, "spec"));
    await mkdir(join(repo, "packages/client/src/generated"), { recursive: true });
    await writeFile(join(repo, "spec/ango-hub-v2.openapi.json"), "{}\n");
    await writeFile(join(repo, "packages/client/src/generated/servers.ts"), "export {};\n");
    await writeFile(join(repo, "package.json"), "{}\n");
    git("init", "-q");
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "seed", "--allow-empty");
    git("add", "-A");
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "files");
  });
  afterEach(async () => {
    await rm(repo, { recursive: true, force: true });
    await rm(temp, { recursive: true, force: true });
  });

  test("the spec, generated files and a spec changeset are applied", async () => {
    const { status } = await applyPatchOf(async () => {
      await writeFile(join(repo, "spec/ango-hub-v2.openapi.json"), '{"openapi":"3.0.3"}\n');
      await writeFile(join(repo, "packages/client/src/generated/servers.ts"), "export const x = 1;\n");
      await mkdir(join(repo, ".changeset"));
      await writeFile(join(repo, ".changeset/spec-0123456789ab.md"), "---\n---\n");
    });
    expect(status).toBe(0);
    expect(git("diff", "--cached", "--name-only").trim().split("\n").sort()).toEqual([
      ".changeset/spec-0123456789ab.md",
      "packages/client/src/generated/servers.ts",
      "spec/ango-hub-v2.openapi.json",
    ]);
    expect(await readFile(join(temp, "output"), "utf8")).toBe("changed=true\n");
  });

  test.each([
    [
      "a file outside the generated set",
      async () => writeFile(join(repo, "package.json"), '{"scripts":{}}\n'),
    ],
    [
      "a workflow",
      async () => {
        await mkdir(join(repo, ".github/workflows"), { recursive: true });
        await writeFile(join(repo, ".github/workflows/x.yml"), "on: push\n");
      },
    ],
    [
      "a changeset not named by a hash",
      async () => {
        await mkdir(join(repo, ".changeset"));
        await writeFile(join(repo, ".changeset/evil.md"), "---\n---\n");
      },
    ],
    [
      "a symbolic link inside a generated folder",
      async () => {
        await symlink("../../../../package.json", join(repo, "packages/client/src/generated/link.ts"));
      },
    ],
  ])("%s is refused, and nothing is applied", async (_what, change) => {
    const { status, output } = await applyPatchOf(change);
    expect(status).not.toBe(0);
    expect(output).toMatch(/refused/);
    expect(git("status", "--porcelain")).toBe("");
  });
});

describe("the Node-version runs (scripts/test-node-versions.sh)", () => {
  const script = join(root, "scripts", "test-node-versions.sh");
  const run = (versions: string) =>
    spawnSync("bash", [script], {
      encoding: "utf8",
      env: { ...process.env, ANGO_NODE_VERSIONS: versions },
    });

  test("skip the running major and a major the registry has no binary of, saying why, and pass", () => {
    const current = process.versions.node.split(".")[0];
    const result = run(`${current} 99`);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      `› Node ${current}: skipped, the suite already ran on it (${process.version})`,
    );
    expect(result.stdout).toMatch(
      /› Node 99: skipped, the npm registry has no node-[a-z]+-[a-z0-9]+ package for Node 99/,
    );
  });

  test("each CI leg asks only for its own Node", async () => {
    const ci = parse(await readFile(join(workflowsDir, "ci.yml"), "utf8")) as Workflow;
    const testStep = Object.values(ci.jobs)[0]?.steps.find((step) => step.run === "pnpm test:all");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
    expect(testStep?.env?.ANGO_NODE_VERSIONS).toBe("${{ matrix.node }}");
  });
});

test("every changeset names only published packages (changesets refuses a private one at release)", async () => {
  const published = new Set<string>();
  for (const folder of ["packages", "tests", "examples", "tools"]) {
    for (const name of await readdir(join(root, folder)).catch(() => [] as string[])) {
      const manifest = await readFile(join(root, folder, name, "package.json"), "utf8").catch(
        () => undefined,
      );
      if (manifest === undefined) continue;
      const pkg = JSON.parse(manifest) as { name: string; private?: boolean };
      if (!pkg.private) published.add(pkg.name);
    }
  }
  expect(published.size).toBeGreaterThan(0);
  const named: string[] = [];
  for (const file of (await readdir(join(root, ".changeset"))).filter((f) => f.endsWith(".md"))) {
    const front =
      /^---\n([\s\S]*?)\n---/.exec(await readFile(join(root, ".changeset", file), "utf8"))?.[1] ?? "";
    for (const line of front.split("\n").filter(Boolean))
      named.push(`${file}: ${JSON.parse(line.slice(0, line.lastIndexOf(":")))}`);
  }
  expect(named.filter((entry) => !published.has(entry.slice(entry.indexOf(": ") + 2)))).toEqual([]);
});
