import { sharedTestOptions } from "@ango-hub/test-support/vitest";
import { defineConfig } from "vitest/config";

export default defineConfig({ test: sharedTestOptions });
