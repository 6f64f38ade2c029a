import ajvFormats from "ajv-formats";
import type { OpenAPIBackend } from "openapi-backend";

/** The Ajv instance openapi-backend hands to `customizeAjv` (Ajv 8, JSON Schema draft 7). */
export type Ajv = Parameters<NonNullable<ConstructorParameters<typeof OpenAPIBackend>[0]["customizeAjv"]>>[0];

// ajv-formats is CommonJS with `exports.default`; under NodeNext its default import is the module object.
type AddFormats = (ajv: Ajv) => unknown;
const addFormats: AddFormats =
  (ajvFormats as unknown as { default?: AddFormats }).default ?? (ajvFormats as unknown as AddFormats);

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
