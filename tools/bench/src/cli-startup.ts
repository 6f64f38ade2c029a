// How long `ango --help` and `ango-mcp --help` take to start and answer, on Node 22 (the CLI's target:
// under 150 ms) and on this machine's Node, against bare `node -e 0` measured in the same run.
import { execFile, execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { median, type Row, ratio } from "./stats.js";

const run = promisify(execFile);
const RUNS = 21;
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const binOf = (name: string) =>
  join(dirname(createRequire(import.meta.url).resolve(`${name}/package.json`)), "dist/bin.js");
const COMMANDS: [string, string][] = [
  ["ango", binOf("@ango-hub/cli")],
  ["ango-mcp", binOf("@ango-hub/mcp")],
];

async function wallMs(node: string, args: string[]): Promise<number> {
  const started = performance.now();
  await run(node, args, { env: { ...process.env, ANGO_API_KEY: "" } });
  return performance.now() - started;
}

export async function cliStartup(): Promise<Row[]> {
  const nodes: [string, string][] = [[`Node ${process.version}`, process.execPath]];
  try {
    const node22 = execFileSync("bash", [join(repoRoot, "scripts/node-binary.sh"), "22"], {
      encoding: "utf8",
    }).trim();
    nodes.unshift([`Node ${execFileSync(node22, ["--version"], { encoding: "utf8" }).trim()}`, node22]);
  } catch {
    // No Node 22 for this platform on the registry: the table has this machine's Node only.
  }
  const rows: Row[] = [];
  for (const [label, node] of nodes)
    for (const [command, bin] of COMMANDS) {
      const help: number[] = [];
      const bare: number[] = [];
      for (let i = 0; i < 3; i++) await wallMs(node, [bin, "--help"]);
      for (let i = 0; i < RUNS; i++) {
        bare.push(await wallMs(node, ["-e", "0"]));
        help.push(await wallMs(node, [bin, "--help"]));
      }
      rows.push({
        measure: "cli",
        subject: `${command} --help, ${label}`,
        value: `${median(help).toFixed(0)} ms (node -e 0: ${median(bare).toFixed(0)} ms)`,
        ratio: ratio(median(help), median(bare)),
        method: `median of ${RUNS} runs each, interleaved, wall time from spawn to exit; ratio vs starting Node with nothing to run (target for ango: under 150 ms on Node 22)`,
      });
    }
  return rows;
}
