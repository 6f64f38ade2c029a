/** A document the codegen refuses, with the place and what to change. */
export class SpecError extends Error {
  override name = "SpecError";
}
