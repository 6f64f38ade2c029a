// The README's configuration snippets as users paste them: each JSON block parsed and its server started
// as the client would start it (npx's package replaced by this package's built command), each shell line's
// flags read by ango-mcp's own parser, the code example type-checked, and the tool list it links to equal
// to `ango-mcp --list-tools`.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { shellWords, typeCheckExample } from "@ango-hub/test-support/readme-example";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { expect, test } from "vitest";
import { parseCommand, toolList } from "../src/cli.js";
import { tools } from "../src/generated/tools.js";
import { DYNAMIC_TOOLS } from "../src/server.js";

const packageDir = new URL("../", import.meta.url);
const readme = await readFile(new URL("README.md", packageDir), "utf8");
const blocks = (lang: string) =>
  [...readme.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, "g"))].map((m) => m[1] as string);
const bin = fileURLToPath(new URL("bin/ango-mcp.js", packageDir));
const PACKAGE_RUN = ["npx", "-y", "@ango-hub/mcp"];

interface ServerEntry {
  command: string;
  args: string[];
  env: Record<string, string>;
}

test("every JSON snippet is a config whose server starts and lists the tools", async () => {
  const configs = blocks("json").map(
    (text) => JSON.parse(text) as Record<string, Record<string, ServerEntry>>,
  );
  expect(configs.length).toBeGreaterThanOrEqual(2);
  for (const config of configs) {
    const entries = Object.values(config.mcpServers ?? config.servers ?? {});
    expect(entries.length).toBe(1);
    for (const entry of entries) {
      expect([entry.command, ...entry.args.slice(0, 2)]).toEqual(PACKAGE_RUN);
      const flags = entry.args.slice(2);
      expect(Object.keys(entry.env)).toEqual(["ANGO_API_KEY"]);
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [bin, ...flags],
        env: { PATH: process.env.PATH ?? "", ANGO_API_KEY: "readme-key-0123456789" },
        stderr: "ignore",
      });
      const client = new Client({ name: "readme", version: "1.0.0" });
      await client.connect(transport);
      try {
        const listed = (await client.listTools()).tools;
        const command = parseCommand(flags);
        const operations = toolList(command).trim().split("\n").filter(Boolean);
        expect(listed.map((t) => t.name)).toEqual(
          command.server.tools === "dynamic"
            ? Object.values(DYNAMIC_TOOLS)
            : operations.map((line) => line.split(" ")[0]),
        );
      } finally {
        await client.close();
      }
    }
  }
}, 60_000);

test("every shell line runs ango-mcp with flags it accepts", () => {
  const lines = blocks("sh").flatMap((block) => block.trim().split("\n"));
  expect(lines.length).toBeGreaterThanOrEqual(2);
  for (const line of lines) {
    const words = shellWords(line);
    const at =
      words.indexOf("ango-mcp") >= 0 ? words.indexOf("ango-mcp") + 1 : words.indexOf("@ango-hub/mcp") + 1;
    expect(at, line).toBeGreaterThan(0);
    expect(() => parseCommand(words.slice(at)), line).not.toThrow();
  }
});

test("the code example type-checks against the built package", async () => {
  const [code] = blocks("ts");
  expect(await typeCheckExample(packageDir, code ?? "")).toEqual([]);
}, 60_000);

test("the linked tool list is the generated one, and --list-tools prints the same tools", async () => {
  const list = await readFile(new URL("src/generated/TOOLS.md", packageDir), "utf8");
  expect(readme).toContain("(src/generated/TOOLS.md)");
  const names = [...list.matchAll(/^\| (\S+) \|/gm)].map((m) => (m[1] as string).replaceAll("\\_", "_"));
  expect(names.filter((n) => n !== "Tool" && n !== "---")).toEqual(tools.map((t) => t.name));
  expect(
    toolList(parseCommand([]))
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split(" ")[0]),
  ).toEqual(tools.map((t) => t.name));
});
