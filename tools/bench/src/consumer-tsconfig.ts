/** A strict consumer's compiler settings, as the scale tables type-check generated clients with them. */
export const CONSUMER_COMPILER_OPTIONS = {
  strict: true,
  skipLibCheck: true,
  target: "es2022",
  module: "nodenext",
  moduleResolution: "nodenext",
  lib: ["es2022", "dom"],
  types: [],
} as const;
