// The server's rules, as an MCP client sees them, on the frozen seed's one operation
// (`update_project_batches`, a POST whose retries follow the seed's overrides rule): tool definitions,
// calls through the mock, errors, the output filter, trimming, the dynamic tools, the key kept out.
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, test } from "vitest";
import { DYNAMIC_TOOLS } from "../src/server.js";
import type { ToolSpec } from "../src/tool-spec.js";
import { inputSchemaOf, RESULT_LIMITS } from "../src/tools.js";
import { mockHandlers, openApiDocument } from "./generated/openapi-document.js";
import { connect, KEY } from "./support/connect.js";
import { seedCatalog } from "./support/seed-catalog.js";

const TOOL = "update_project_batches";
const ARGS = { projectId: "p1", body: { batches: [{ name: "Batch 1" }] } };
const seedMock = () => ({ document: structuredClone(openApiDocument), handlers: mockHandlers });

let opened: Awaited<ReturnType<typeof connect>> | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

async function seedServer(
  options: Parameters<typeof connect>[0] = {},
  mock: Parameters<typeof connect>[1] = {},
) {
  opened = await connect({ catalog: seedCatalog, ...options }, { ...seedMock(), ...mock });
  return opened;
}

const textOf = (result: unknown) => ((result as CallToolResult).content[0] as { text: string }).text;

describe("tools", () => {
  test("each operation is a tool with its title, description, input and output schemas and hints", async () => {
    const { client } = await seedServer();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual([TOOL]);
    const tool = tools[0];
    expect(tool?.title).toBe("Update Project Batches");
    expect(tool?.description).toBe("Updates batch definitions for a project\n\nPOST /batches/{projectId}");
    expect(tool?.inputSchema.required).toEqual(["projectId", "body"]);
    expect(Object.keys(tool?.inputSchema.properties ?? {})).toEqual(["projectId", "body", "output_filter"]);
    expect(tool?.outputSchema?.properties).toHaveProperty("result");
    // A POST: not read-only, not destructive; repeating it is safe only when every batch has an _id,
    // which the arguments decide, so it is not announced as idempotent.
    expect(tool?.annotations).toEqual({
      title: "Update Project Batches",
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: true,
    });
  });

  test("a call is sent through the client with the key and answers the structured result and its text", async () => {
    const { client, mock } = await seedServer();
    // The SDK's client checks the structured result against the tool's output schema.
    const result = (await client.callTool({ name: TOOL, arguments: ARGS })) as CallToolResult;
    expect(result.isError).toBeUndefined();
    const structured = result.structuredContent as {
      result: { data: { project: { batches: { name: string }[] } } };
    };
    expect(structured.result.data.project.batches.map((b) => b.name)).toEqual(["Batch 1"]);
    expect(JSON.parse(textOf(result))).toEqual(structured);
    expect(mock.calls).toEqual([
      expect.objectContaining({ operationId: "updateProjectBatches", valid: true }),
    ]);
  });

  test("arguments the input schema refuses come back as a tool error, and nothing is sent", async () => {
    const { client, mock } = await seedServer();
    const result = await client.callTool({
      name: TOOL,
      arguments: { projectId: "p1", body: { batches: "x" } },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^Invalid arguments for update_project_batches: .*batches must be array/);
    expect(mock.calls).toHaveLength(0);
    const unknown = await client.callTool({ name: "no_such_tool", arguments: {} });
    expect([unknown.isError, textOf(unknown)]).toEqual([true, "No tool named no_such_tool on this server."]);
  });

  test("a given jsonSchemaValidator checks the arguments, with the tool's input schema", async () => {
    const schemas: unknown[] = [];
    const refuseAll = {
      getValidator: (schema: unknown) => {
        schemas.push(schema);
        return () => ({
          valid: false as const,
          data: undefined,
          errorMessage: "refused by the given validator",
        });
      },
    };
    const { client, mock } = await seedServer({ jsonSchemaValidator: refuseAll });
    const result = await client.callTool({ name: TOOL, arguments: ARGS });
    expect([result.isError, textOf(result)]).toEqual([
      true,
      `Invalid arguments for ${TOOL}: refused by the given validator. Call describe or list the tools for its input schema.`,
    ]);
    expect(schemas).toEqual([inputSchemaOf(seedCatalog.tools[0] as ToolSpec)]);
    expect(mock.calls).toHaveLength(0);
  });

  test("a failed call names the error class, the status and the server's message, never the key", async () => {
    const { client } = await seedServer(
      {},
      { respond: () => ({ status: 404, body: { status: "fail", message: `no project (key ${KEY})` } }) },
    );
    const result = await client.callTool({ name: TOOL, arguments: ARGS });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^AngoNotFoundError 404 \(request mock-1\): no project \(key mcp-…/);
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  test("the key never leaves in a result, in any form the server echoes it", async () => {
    const echoed = {
      status: "success",
      data: { project: { _id: "p1", name: KEY, description: encodeURIComponent(KEY) } },
    };
    const { client } = await seedServer({}, { respond: () => ({ status: 200, body: echoed }) });
    const result = await client.callTool({ name: TOOL, arguments: ARGS });
    expect(result.isError).toBeUndefined();
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  test("without a key, a call says where the key goes", async () => {
    const { client } = await seedServer({ apiKey: "" });
    const previous = process.env.ANGO_API_KEY;
    delete process.env.ANGO_API_KEY;
    try {
      const result = await client.callTool({ name: TOOL, arguments: ARGS });
      expect([result.isError, textOf(result)]).toEqual([true, expect.stringContaining("set ANGO_API_KEY")]);
    } finally {
      if (previous !== undefined) process.env.ANGO_API_KEY = previous;
    }
  });
});

describe("results", () => {
  test("output_filter returns only the JMESPath expression's value; a broken one is the agent's to fix", async () => {
    const { client } = await seedServer();
    const filtered = await client.callTool({
      name: TOOL,
      arguments: { ...ARGS, output_filter: "data.project.batches[].name" },
    });
    expect(filtered.structuredContent).toEqual({ filtered: ["Batch 1"] });
    const broken = await client.callTool({ name: TOOL, arguments: { ...ARGS, output_filter: "data.[" } });
    expect(broken.isError).toBe(true);
    expect(textOf(broken)).toMatch(/^output_filter is not a JMESPath expression this server can apply: /);
  });

  test("a result over the size limit is trimmed at its largest list, with a note naming the limit", async () => {
    const batches = Array.from({ length: 5_000 }, (_, i) => ({ _id: `b${i}`, name: `Batch number ${i}` }));
    const answer = { status: "success", data: { project: { _id: "p1", name: "P", batches } } };
    const { client } = await seedServer({}, { respond: () => ({ status: 200, body: answer }) });
    const result = await client.callTool({ name: TOOL, arguments: ARGS });
    expect(result.isError).toBeUndefined();
    const text = textOf(result);
    expect(text.length).toBeLessThanOrEqual(RESULT_LIMITS.maxResultChars + 500);
    const structured = result.structuredContent as { result: typeof answer; note: string };
    const kept = structured.result.data.project.batches.length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(5_000);
    expect(structured.note).toBe(
      `Trimmed (result.data.project.batches: ${kept} of 5000 items): over RESULT_LIMITS.maxResultChars (100,000 characters of JSON); use the output filter to ask for less.`,
    );
  });
});

describe("--tools dynamic", () => {
  test("three tools search, describe and invoke the operations", async () => {
    const { client, mock } = await seedServer({ tools: "dynamic" });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(Object.values(DYNAMIC_TOOLS));
    const found = await client.callTool({
      name: DYNAMIC_TOOLS.search,
      arguments: { query: "batches update" },
    });
    expect(found.structuredContent).toEqual({
      result: {
        operations: [
          {
            name: TOOL,
            title: "Update Project Batches",
            method: "POST",
            path: "/batches/{projectId}",
            readOnly: false,
          },
        ],
        total: 1,
      },
    });
    const none = await client.callTool({ name: DYNAMIC_TOOLS.search, arguments: { query: "export" } });
    expect(none.structuredContent).toEqual({ result: { operations: [], total: 0 } });
    const described = await client.callTool({ name: DYNAMIC_TOOLS.describe, arguments: { name: TOOL } });
    expect((described.structuredContent as { result: { inputSchema: unknown } }).result.inputSchema).toEqual(
      inputSchemaOf(seedCatalog.tools[0] as ToolSpec),
    );
    const invoked = await client.callTool({
      name: DYNAMIC_TOOLS.invoke,
      arguments: { name: TOOL, arguments: ARGS },
    });
    expect(invoked.isError).toBeUndefined();
    expect(mock.calls.map((c) => c.valid)).toEqual([true]);
    const wrong = await client.callTool({
      name: DYNAMIC_TOOLS.invoke,
      arguments: { name: "nope", arguments: {} },
    });
    expect([wrong.isError, textOf(wrong)]).toEqual([true, "No tool named nope on this server."]);
  });
});
