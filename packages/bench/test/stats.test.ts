import { describe, expect, test } from "vitest";
import { bundleSize } from "../src/bundle-size.js";
import { median, ratio } from "../src/stats.js";

describe("benchmark helpers", () => {
  test("median of odd and even counts", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  test("ratio is printed to three decimals", () => {
    expect(ratio(105, 100)).toBe("1.050x");
  });

  test("bundleSize minifies and gzips what it bundles", async () => {
    const size = await bundleSize(`export const x = ${JSON.stringify("a".repeat(5000))};`, process.cwd());
    expect(size.minified).toBeGreaterThan(5000);
    expect(size.gzipped).toBeLessThan(200);
  });
});
