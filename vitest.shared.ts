// Test settings every package shares. The limits are generous because CI runs every package's tests at
// once on 2 cores, and several tests spawn compilers or servers.
export const sharedTestOptions = {
  include: ["test/**/*.test.ts"],
  testTimeout: 60_000,
  hookTimeout: 240_000,
};
