import { defineConfig } from "vitest/config";
import { sharedTestOptions } from "../../vitest.shared.js";

// The type-level tests (test/*.test-d.ts) are compiled by this package's `typecheck` task (tsc --noEmit
// over src and test), where a wrong type fails the build; running them again here would only cost time.
export default defineConfig({ test: { ...sharedTestOptions } });
