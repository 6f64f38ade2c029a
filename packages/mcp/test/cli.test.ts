// `ango-mcp`'s command line: its help names every flag, mistakes are said in the flags' words, and the
// tool filters (read-only, names with wildcards) select what they say, on made-up tool specs.
import { describe, expect, test } from "vitest";
import { help, parseCommand, toolList, UsageError } from "../src/cli.js";
import type { Catalog } from "../src/server.js";
import type { ToolSpec } from "../src/tool-spec.js";
import { inputSchemaOf, selectTools, unmatchedPatterns } from "../src/tools.js";
import { seedCatalog } from "./support/seed-catalog.js";

const spec = (name: string, method: string, extra: Partial<ToolSpec> = {}): ToolSpec => ({
  name,
  operation: name,
  description: name,
  method,
  path: `/${name}`,
  parameters: [],
  inputSchema: { type: "object", properties: {} },
  ...extra,
});
const specs = [
  spec("list_projects", "GET", { pagination: { itemSchema: {} } }),
  spec("get_project", "GET"),
  spec("delete_project", "DELETE"),
  spec("update_project_batches", "POST"),
];
const catalog: Catalog = { ...seedCatalog, tools: specs };

describe("ango-mcp's flags", () => {
  test("--help names every flag and the environment", () => {
    const text = help(catalog);
    for (const flag of [
      "--tools",
      "--read-only",
      "--tool",
      "--exclude",
      "--list-tools",
      "--transport",
      "--port",
      "--host",
      "--allowed-host",
      "--allowed-origin",
      "--server",
      "--timeout-ms",
      "--max-retries",
      "--validate",
    ])
      expect(text).toContain(`  ${flag} `);
    expect(text).toContain("4 operations");
    expect(text).toContain("ANGO_API_KEY");
  });

  test.each([
    [["--transport", "ws"], '--transport takes stdio, http, not "ws".'],
    [["--port", "80a", "--transport", "http"], '--port takes a whole number of at least 0, not "80a".'],
    [["--port", "8808"], "--port is for --transport http."],
    [["--tool", "nope_*"], 'no tool matches "nope_*" (--tool, --exclude); ango-mcp --list-tools lists them.'],
    [
      ["--read-only", "--tool", "delete_*"],
      "the flags select no tool (--read-only, --tool, --exclude); ango-mcp --list-tools lists them.",
    ],
    [["--validate", "strict"], '--validate takes off, observe, enforce, not "strict".'],
    [["--colour"], "unknown flag --colour."],
    [["serve"], 'unexpected argument "serve": ango-mcp takes flags only.'],
    [["--port"], "Option '--port <value>' argument missing"],
  ])("%j is refused: %s", (args, message) => {
    expect(() => parseCommand(args, catalog)).toThrow(new UsageError(message));
  });

  test("--read-only, --tool and --exclude (wildcards) select the tools; --list-tools prints them", () => {
    const names = (args: string[]) =>
      selectTools(specs, parseCommand(args, catalog).server.filter).map((s) => s.name);
    expect(names(["--read-only"])).toEqual(["list_projects", "get_project"]);
    expect(names(["--tool", "*_project"])).toEqual(["get_project", "delete_project"]);
    expect(names(["--tool", "*project*", "--exclude", "delete_*", "--exclude", "???_project"])).toEqual([
      "list_projects",
      "update_project_batches",
    ]);
    expect(unmatchedPatterns(specs, { include: ["list_*", "x?"] })).toEqual(["x?"]);
    expect(toolList(parseCommand(["--read-only"], catalog), catalog)).toBe(
      "list_projects  GET /list_projects\nget_project  GET /get_project\n",
    );
  });

  test("a list's tool takes all_pages and max_items; a control argument an operation already has takes a _", () => {
    expect(Object.keys(inputSchemaOf(specs[0] as ToolSpec).properties as object)).toEqual([
      "output_filter",
      "all_pages",
      "max_items",
    ]);
    const clashing = spec("search", "GET", {
      inputSchema: { type: "object", properties: { output_filter: { type: "string" } } },
    });
    expect(Object.keys(inputSchemaOf(clashing).properties as object)).toEqual([
      "output_filter",
      "_output_filter",
    ]);
  });
});
