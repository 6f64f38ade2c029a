import ajvFormats from "ajv-formats";
import type { OpenAPIBackend } from "openapi-backend";

/** The Ajv instance openapi-backend hands to `customizeAjv` (Ajv 8, JSON Schema draft 7). */
export type Ajv = Parameters<NonNullable<ConstructorParameters<typeof OpenAPIBackend>[0]["customizeAjv"]>>[0];

// ajv-formats is CommonJS with `exports.default`; under NodeNext its default import is the module object.
type AddFormats = (ajv: Ajv) => unknown;
const addFormats: AddFormats =
  (ajvFormats as unknown as { default?: AddFormats }).default ?? (ajvFormats as unknown as AddFormats);

/**
 * What every Ajv instance of the mock is built with. openapi-backend builds one instance per validator,
 * and each would compile draft 7's meta-schema again to check the schema it is given: a third of the
 * mock's time on a large document. The document is checked once, whole, before it reaches the mock
 * (`spec:update` and the census run an independent OpenAPI validator); a schema Ajv cannot compile is
 * still named by the operation it belongs to. Ajv's logger would print the document's own text (an
 * unknown format's schema path) on the terminal: unknown formats are accepted silently, as OpenAPI's
 * formats are open-ended. Referenced schemas are compiled once each rather than inlined where used, and
 * the generated code is not optimised: both passes grow faster than the schema (DocuSign's request
 * validators took 380 s to compile, 20 s without), and a mock compiles far more than it runs.
 */
export const AJV_OPTIONS = {
  validateSchema: false,
  logger: false,
  inlineRefs: false,
  code: { optimize: false },
} as const;

/**
 * How the mock's validator reads schemas, in one place: the mock's request and response checks and the
 * sample values it answers with (samples.ts) must agree on what is valid.
 */
export function configureAjv(ajv: Ajv): Ajv {
  // OpenAPI's `pattern` is an ECMA-262 expression without the `u` flag, which some valid ones break.
  ajv.opts.unicodeRegExp = false;
  // Validate formats (`uri`, `date-time`, ...) rather than ignore them; OpenAPI's file formats hold bytes.
  addFormats(ajv);
  ajv.addFormat("binary", true);
  ajv.addFormat("byte", true);
  return ajv;
}
