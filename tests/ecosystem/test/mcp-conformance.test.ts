// The MCP server against the MCP project's own conformance suite (@modelcontextprotocol/conformance, on
// Node 22, which it needs): the scenarios that apply to a server whose tools are an API's operations
// (initialize, ping, tools/list, DNS-rebinding protection). The others exercise features this server does
// not offer (resources, prompts, sampling, the suite's own test tools). The suite's client sends no
// Authorization header, so a proxy on loopback adds the key to every request, and passes the Host and
// Origin headers on untouched for the server's own checks.
import { execFile, spawnSync } from "node:child_process";
import { createServer, request, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { serveHttp } from "@ango-hub/mcp";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../../", import.meta.url));
// The suite's own entry (its bin), run by Node 22.
const conformance = join(
  dirname(createRequire(import.meta.url).resolve("@modelcontextprotocol/conformance/package.json")),
  "dist/index.js",
);
const SCENARIOS = ["server-initialize", "ping", "tools-list", "dns-rebinding-protection"];

const node22 = spawnSync("bash", [join(root, "scripts", "node-binary.sh"), "22"], { encoding: "utf8" });
const skipped = node22.status === 0 ? "" : ` — skipped: ${node22.stderr.trim().split("\n").pop()}`;

let served: Awaited<ReturnType<typeof serveHttp>>;
let proxy: Server;
let url: string;

beforeAll(async () => {
  served = await serveHttp({ port: 0 });
  const target = new URL(served.url);
  proxy = createServer((req, res) => {
    const headers = { ...req.headers, authorization: "Bearer conformance-key-0123456789" };
    const forwarded = request(
      { host: "127.0.0.1", port: target.port, path: req.url, method: req.method, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on("error", () => res.destroy());
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  url = `http://localhost:${(proxy.address() as AddressInfo).port}/mcp`;
});
afterAll(async () => {
  proxy?.closeAllConnections();
  await new Promise((resolve) => proxy?.close(resolve));
  await served?.close();
});

describe.skipIf(skipped !== "")(`the MCP conformance suite's server scenarios${skipped}`, () => {
  test.each(SCENARIOS)("%s passes", async (scenario) => {
    const { stdout } = await run(
      node22.stdout.trim(),
      [conformance, "server", "--url", url, "--scenario", scenario],
      { encoding: "utf8", timeout: 120_000 },
    ).catch((error: { stdout?: string; stderr?: string }) => ({
      stdout: `${error.stdout}\n${error.stderr}`,
    }));
    const result = /Passed: (\d+)\/(\d+), (\d+) failed/.exec(stdout);
    expect(result, stdout).not.toBeNull();
    expect(result?.[3], stdout).toBe("0");
    expect(Number(result?.[1])).toBeGreaterThan(0);
  });
});
