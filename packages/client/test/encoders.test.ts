// Each body encoder on its own: what it puts on the wire, and what it refuses before anything is sent.
import { describe, expect, test, vi } from "vitest";
import { binaryBody, formBody, jsonBody, multipartBody, textBody } from "../src/encoders.js";
import { AngoInvalidRequestError } from "../src/index.js";
import type { OperationDescriptor } from "../src/operation.js";

const operation = (mediaType: string): OperationDescriptor => ({
  operationId: "upload",
  method: "POST",
  path: "/upload",
  params: [],
  response: "json",
  body: { mediaType, required: true, encode: jsonBody },
});

describe("jsonBody", () => {
  test("sends the JSON text and keeps it for the retry decision", () => {
    expect(jsonBody({ batches: [{ name: "a" }] }, operation("application/json"))).toEqual({
      body: '{"batches":[{"name":"a"}]}',
      jsonText: '{"batches":[{"name":"a"}]}',
    });
  });
});

describe("multipartBody", () => {
  test("fields as text, objects as JSON, files as they are, arrays as repeated fields; fetch sets the boundary", async () => {
    const file = new Blob(["bytes"], { type: "image/png" });
    const encoded = multipartBody(
      { label: "cat", meta: { x: 1 }, tags: ["a", "b"], count: 2, file, skipped: undefined },
      operation("multipart/form-data"),
    );
    expect(encoded.contentType).toBe(false);
    const form = encoded.body as FormData;
    expect(form.get("label")).toBe("cat");
    expect(form.get("meta")).toBe('{"x":1}');
    expect(form.getAll("tags")).toEqual(["a", "b"]);
    expect(form.get("count")).toBe("2");
    expect(await (form.get("file") as Blob).text()).toBe("bytes");
    expect(form.has("skipped")).toBe(false);
  });

  test('a Blob is sent with the file name "blob" (Bun would send none), a File with its own', () => {
    const append = vi.spyOn(FormData.prototype, "append");
    try {
      const form = multipartBody(
        { scan: new Blob(["a"]), photo: new File(["b"], "cat.png") },
        operation("multipart/form-data"),
      ).body as FormData;
      expect(append.mock.calls.map((call) => [call[0], call[2]])).toEqual([
        ["scan", "blob"],
        ["photo", "cat.png"],
      ]);
      expect((form.get("photo") as File).name).toBe("cat.png");
    } finally {
      append.mockRestore();
    }
  });

  test("a FormData goes as it is", () => {
    const form = new FormData();
    expect(multipartBody(form, operation("multipart/form-data")).body).toBe(form);
  });

  test("a body that is not an object of fields is refused, naming the operation", () => {
    expect(() => multipartBody("text", operation("multipart/form-data"))).toThrow(AngoInvalidRequestError);
    expect(() => multipartBody(null, operation("multipart/form-data"))).toThrow(
      /upload: the multipart\/form-data body must be an object of fields, got null/,
    );
  });

  test("an array has no field names: refused for both kinds of form, not sent as fields 0, 1, 2", () => {
    expect(() => multipartBody([{ a: 1 }], operation("multipart/form-data"))).toThrow(
      /upload: the multipart\/form-data body must be an object of fields, got an array/,
    );
    expect(() => formBody(["a", "b"], operation("application/x-www-form-urlencoded"))).toThrow(
      /must be an object of fields, got an array/,
    );
  });
});

describe("formBody", () => {
  test("fields URL-encoded, repeated for arrays", () => {
    const encoded = formBody({ q: "a b", ids: [1, 2] }, operation("application/x-www-form-urlencoded"));
    expect(String(encoded.body)).toBe("q=a+b&ids=1&ids=2");
  });

  test("a file cannot go in a URL-encoded form", () => {
    expect(() => formBody({ file: new Blob(["x"]) }, operation("application/x-www-form-urlencoded"))).toThrow(
      /field "file" is a file, which a URL-encoded form cannot carry/,
    );
  });

  test("URLSearchParams go as they are", () => {
    const params = new URLSearchParams("a=1");
    expect(formBody(params, operation("application/x-www-form-urlencoded")).body).toBe(params);
  });
});

describe("textBody and binaryBody", () => {
  test("text as a string, bytes untouched", () => {
    expect(textBody(42, operation("text/plain")).body).toBe("42");
    const bytes = new Uint8Array([0, 255]);
    expect(binaryBody(bytes, operation("application/octet-stream")).body).toBe(bytes);
  });
});
