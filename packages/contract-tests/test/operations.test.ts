import * as client from "@ango-hub/client";
import { describe, expect, test } from "vitest";
import { specOperations } from "./support/spec.js";

// One block per operationId found in the spec: a new operation is covered without new test code.
describe.each(specOperations.map((op) => [op.operationId, op] as const))("%s", (operationId, op) => {
  const descriptors = client.operationDescriptors as Record<string, client.OperationDescriptor>;

  test("has a generated function, a client method and a descriptor", () => {
    expect(typeof (client as Record<string, unknown>)[operationId]).toBe("function");
    const ango = client.createAngoClient({ apiKey: "contract-key-123456", server: "http://127.0.0.1:9" });
    expect(typeof (ango as unknown as Record<string, unknown>)[operationId]).toBe("function");
    expect(descriptors[operationId]).toBeDefined();
  });

  test("uses the spec's method, path template, parameters and request content type", () => {
    const descriptor = descriptors[operationId];
    const names = (location: string) => op.parameters.filter((p) => p.in === location).map((p) => p.name);
    expect(descriptor).toMatchObject({
      operationId,
      method: op.method,
      path: op.path,
      pathParams: names("path"),
      queryParams: names("query"),
      headerParams: names("header"),
      requestContentType: op.requestBody?.contentType,
      bodyRequired: op.requestBody?.required ?? false,
    });
    expect(descriptor?.successStatuses).toContain(op.successStatus);
  });
});

test("the spec has operations to check", () => {
  expect(specOperations.length).toBeGreaterThan(0);
});
