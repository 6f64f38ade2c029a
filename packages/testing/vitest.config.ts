import { sharedTestOptions } from "@ango-hub/test-support/vitest";
import { defineConfig } from "vitest/config";

// The type-level tests (test/*.test-d.ts) are compiled by this package's `typecheck` task (tsc --noEmit
// over src and test), where a wrong type fails the build; running them again here would only cost time.
export default defineConfig({ test: { ...sharedTestOptions } });
