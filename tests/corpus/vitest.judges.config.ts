import { sharedTestOptions } from "@ango-hub/test-support/vitest";
import { defineConfig } from "vitest/config";

// The judges table (`pnpm judges`): a report to read, run on demand like the census, not in the suite.
export default defineConfig({ test: { ...sharedTestOptions, include: ["judges/**/*.test.ts"] } });
