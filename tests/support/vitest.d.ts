/** Test settings every package shares (see vitest.js). */
export declare const sharedTestOptions: {
  include: string[];
  testTimeout: number;
  hookTimeout: number;
  reporters: ("default" | "json")[];
  outputFile: { json: string };
};
