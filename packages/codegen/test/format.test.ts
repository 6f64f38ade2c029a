import { expect, test } from "vitest";
import { formatTypeScript } from "../src/format.js";

test("each formatter configuration is applied, not only the first one seen", () => {
  const source = "export const a = {b: 1, c: 2};\n";
  const spaces = { formatter: { indentStyle: "space", indentWidth: 2, lineWidth: 12 } };
  const tabs = { formatter: { indentStyle: "tab", lineWidth: 12 } };
  const first = formatTypeScript(source, "a.ts", spaces);
  const second = formatTypeScript(source, "a.ts", tabs);
  expect(first).toContain("  b: 1");
  expect(second).toContain("\tb: 1");
  expect(formatTypeScript(source, "a.ts", spaces)).toBe(first);
});
