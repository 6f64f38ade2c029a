import { defineConfig } from "vitest/config";

export default defineConfig({
  // Generous limits: CI runs every package's tests at once on 2 cores, and these spawn compilers.
  test: { include: ["test/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 240_000 },
});
