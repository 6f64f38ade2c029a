/**
 * The OpenAPI document itself as a module, for packages that validate against it at runtime (the mock
 * server) and must ship it without reading files. It is parsed from one JSON string literal: an object
 * literal would turn a `"__proto__"` key into the object's prototype instead of a key, and a string is
 * the only form document text can take here.
 */
export function emitDocument(spec: object): string {
  return `/** The OpenAPI document, exactly as in the spec file. */
// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document read without a schema
export const openApiDocument: Record<string, any> = JSON.parse(${JSON.stringify(JSON.stringify(spec))});
`;
}
