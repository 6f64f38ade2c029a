import * as client from "@ango-hub/client";
import * as internal from "@ango-hub/client/contract";
import { describe, expect, test } from "vitest";
import { casesPerOperation, specOperations } from "./support/spec.js";

// One block per operationId found in the spec: a new operation is covered without new test code.
describe.each(specOperations.map((op) => [op.operationId, op] as const))("%s", (operationId, op) => {
  const descriptors = internal.operationDescriptors as Record<string, internal.OperationDescriptor>;

  test("has a generated function, a client method and a descriptor", () => {
    expect(typeof (client as Record<string, unknown>)[operationId]).toBe("function");
    const ango = client.createAngoClient({ apiKey: "contract-key-123456", server: "http://127.0.0.1:9" });
    expect(typeof (ango as unknown as Record<string, unknown>)[operationId]).toBe("function");
    expect(descriptors[operationId]).toBeDefined();
  });

  test("uses the spec's method, path template, parameters and request content type", () => {
    const descriptor = descriptors[operationId];
    expect(descriptor).toMatchObject({ operationId, method: op.method.toUpperCase(), path: op.path });
    expect(descriptor?.params.map((p) => `${p.in}:${p.name}`).sort()).toEqual(
      op.parameters.map((p) => `${p.in}:${p.name}`).sort(),
    );
    expect(descriptor?.body?.mediaType).toBe(op.requestBody?.contentType);
    expect(descriptor?.body?.required ?? false).toBe(op.requestBody?.required ?? false);
    expect(descriptor?.response === "json").toBe(op.returnsJson);
  });
});

test("the spec has operations to check", () => {
  expect(specOperations.length).toBeGreaterThan(0);
});

test("generated cases are shared out over a large spec, every operation keeping some", () => {
  const budget = { perOperation: 300, total: 3000, least: 30 };
  expect(casesPerOperation(budget, 1)).toBe(300);
  expect(casesPerOperation(budget, 10)).toBe(300);
  expect(casesPerOperation(budget, 47)).toBe(63);
  expect(casesPerOperation(budget, 500)).toBe(30);
  expect(casesPerOperation(budget, 0)).toBe(300);
});
