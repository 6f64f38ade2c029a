import { sharedTestOptions } from "@ango-hub/test-support/vitest";
import { defineConfig } from "vitest/config";

// The update rehearsal runs the whole suite of a fresh clone inside one test: its own task and limits.
export default defineConfig({
  test: { ...sharedTestOptions, include: ["rehearsal/**/*.test.ts"], testTimeout: 900_000 },
});
