// What a request carries besides its parameters: the Accept header a JSON operation sends.
import { expect, test } from "vitest";
import type { OperationDescriptor } from "../src/operation.js";
import { buildRequest } from "../src/request.js";

test("a JSON operation asks for JSON under the types its descriptor names, else application/json", () => {
  const operation = {
    operationId: "instance",
    method: "GET",
    path: "/i",
    params: [],
    response: "json",
  } as const;
  expect(buildRequest(operation as OperationDescriptor, {}).headers.accept).toBe("application/json");
  const dicom = { ...operation, accept: "application/dicom+json" } as OperationDescriptor;
  expect(buildRequest(dicom, {}).headers.accept).toBe("application/dicom+json");
});
