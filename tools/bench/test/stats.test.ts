import { describe, expect, test } from "vitest";
import { bundleSize } from "../src/bundle-size.js";
import { median, pairedRatio, ratio } from "../src/stats.js";

describe("benchmark helpers", () => {
  test("median of odd and even counts", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  test("pairedRatio is the median of round-by-round ratios, not the ratio of medians", () => {
    expect(pairedRatio([2, 4, 9], [1, 2, 3])).toBe(2);
    // The ratio of medians pairs values from different rounds; the paired median never does.
    expect(pairedRatio([10, 30, 20], [5, 30, 40])).toBe(1);
    expect(median([10, 30, 20]) / median([5, 30, 40])).toBeCloseTo(0.667, 3);
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
