import { defineConfig } from "vitest/config";
import { sharedTestOptions } from "./vitest.js";

export default defineConfig({ test: sharedTestOptions });
