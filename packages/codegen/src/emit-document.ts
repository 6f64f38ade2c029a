import { MOCK_HANDLERS, type MockHandler } from "./model.js";

/**
 * The OpenAPI document itself as a module, for packages that validate against it at runtime (the mock
 * server) and must ship it without reading files, and the mock's built-in handler of each operation the
 * overrides file gives one. Both are parsed from one JSON string literal: an object literal would turn a
 * `"__proto__"` key into the object's prototype instead of a key, and a string is the only form document
 * text can take here.
 */
export function emitDocument(spec: object, mockHandlers: Record<string, MockHandler>): string {
  return `/** The OpenAPI document, exactly as in the spec file. */
// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document read without a schema
export const openApiDocument: Record<string, any> = JSON.parse(${JSON.stringify(JSON.stringify(spec))});

/** The mock's built-in handler of each operation (by operationId) that the overrides file gives one. */
export const mockHandlers: Record<string, ${MOCK_HANDLERS.map((h) => JSON.stringify(h)).join(" | ")}> = JSON.parse(${JSON.stringify(JSON.stringify(mockHandlers))});
`;
}
