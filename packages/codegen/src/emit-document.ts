/**
 * The OpenAPI document itself as a module, for packages that validate against it at runtime (the mock
 * server) and must ship it without reading files.
 */
export function emitDocument(spec: object): string {
  return `/** The OpenAPI document, exactly as in the spec file. */
export const openApiDocument = ${JSON.stringify(spec, null, 2)};
`;
}
