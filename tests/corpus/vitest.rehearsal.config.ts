import { defineConfig } from "vitest/config";
import { sharedTestOptions } from "../../vitest.shared.js";

// The update rehearsal runs the whole suite of a fresh clone inside one test: its own task and limits.
export default defineConfig({
  test: { ...sharedTestOptions, include: ["rehearsal/**/*.test.ts"], testTimeout: 900_000 },
});
