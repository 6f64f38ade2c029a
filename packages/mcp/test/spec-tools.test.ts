// Every tool of the spec in spec/, whatever operations it has: listed with a schema the SDK accepts, and
// called with arguments sampled from its own input schema, which the mock (validating against the spec)
// must accept, with response validation enforced (the answer read back as the spec says). A tool whose
// schema says less or other than the spec fails here. Lists also walk pages.
import { displayText } from "@ango-hub/client/text";
import { brokeWhatIsTold, unfaithfulInput } from "@ango-hub/test-support/tool-arguments";
import { NO_VALID_ANSWER, sampleValue } from "@ango-hub/testing";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { schemaNotes, tools } from "../src/generated/tools.js";
import { inputSchemaOf } from "../src/tools.js";
import { connect } from "./support/connect.js";

let opened: Awaited<ReturnType<typeof connect>>;
beforeAll(async () => {
  opened = await connect({ validateResponses: "enforce" });
});
afterAll(() => opened.close());

/** Arguments valid by the tool's own schema (without its control arguments), seeded. */
async function argumentsFor(spec: (typeof tools)[number], seed: number) {
  const schema = spec.inputSchema as Record<string, unknown>;
  const sample = await sampleValue(schema, schema, { seed, nonEmpty: true, optionalFields: "none" });
  if (!sample.valid) throw new Error(`no valid arguments for ${spec.name}: ${sample.errors.join("; ")}`);
  return sample.value as Record<string, unknown>;
}

const textOf = (result: CallToolResult) => (result.content[0] as { text: string }).text;

test("the spec has tools, and the server lists every one of them", async () => {
  expect(tools.length).toBeGreaterThan(0);
  const { tools: listed } = await opened.client.listTools();
  expect(listed.map((t) => t.name)).toEqual(tools.map((t) => t.name));
  expect(new Set(listed.map((t) => t.name)).size).toBe(listed.length);
  for (const tool of listed) expect(tool.name).toMatch(/^[A-Za-z0-9_]{1,64}$/);
});

describe.each(tools.map((spec) => [spec.name, spec] as const))("%s", (name, spec) => {
  test("a call with arguments its input schema allows is accepted by the mock", async ({ skip }) => {
    const unfaithful = unfaithfulInput(spec, schemaNotes);
    if (unfaithful) skip(unfaithful);
    const args = await argumentsFor(spec, 7);
    opened.mock.calls.length = 0;
    const result = (await opened.client.callTool({ name, arguments: args })) as CallToolResult;
    if (result.isError && textOf(result).includes(NO_VALID_ANSWER))
      skip(`the document allows no answer: ${textOf(result)}`);
    const reason = opened.mock.calls[0]?.reason;
    if (brokeWhatIsTold(spec, reason, schemaNotes))
      skip(
        `the schema tells a pattern or a oneOf without checking it, and the sampled value broke it: ${displayText(reason ?? "", 200)}`,
      );
    expect(opened.mock.calls.map((c) => [c.valid, c.reason])).toEqual([[true, undefined]]);
    // An operation that declares no success (Discourse's 301 that only redirects) is answered with the
    // first status it declares: the tool reports it as an error that names the status.
    const status = opened.mock.calls[0]?.status ?? 200;
    if (status >= 300) {
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain(String(status));
    } else expect(result.isError, textOf(result)).toBeUndefined();
  });

  test.runIf(spec.pagination !== undefined)(
    "all_pages walks the list through the page iterator",
    async ({ skip }) => {
      const unfaithful = unfaithfulInput(spec, schemaNotes);
      if (unfaithful) skip(unfaithful);
      const args = await argumentsFor(spec, 7);
      const controls = inputSchemaOf(spec).properties as Record<string, unknown>;
      const allPages = Object.keys(controls).find((key) => key.endsWith("all_pages")) as string;
      const maxItems = Object.keys(controls).find((key) => key.endsWith("max_items")) as string;
      const result = (await opened.client.callTool({
        name,
        arguments: { ...args, [allPages]: true, [maxItems]: 5 },
      })) as CallToolResult;
      if (result.isError && textOf(result).includes(NO_VALID_ANSWER))
        skip(`the document allows no answer: ${textOf(result)}`);
      expect(result.isError, textOf(result)).toBeUndefined();
      const items = (result.structuredContent as { items: unknown[] }).items;
      expect(Array.isArray(items)).toBe(true);
      expect(items.length).toBeLessThanOrEqual(5);
    },
  );
});
