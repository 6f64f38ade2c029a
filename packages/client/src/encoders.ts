// Body encoders, one per kind of media type. A generated descriptor names the one its operation needs,
// so a bundle carries only the encoders of the operations it calls.
import type { BodyEncoder } from "./operation.js";
import { invalidRequest } from "./request.js";

/** `application/json` and `+json` types. The text is kept to judge retries on exactly what was sent. */
export const jsonBody: BodyEncoder = (body) => {
  const jsonText = JSON.stringify(body);
  return { body: jsonText, jsonText };
};

/** A multipart or form field: files and text as they are, other objects as JSON (the spec's default). */
function fieldValue(value: unknown): string | Blob {
  if (value instanceof Blob) return value;
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

function fields(body: unknown, operation: Parameters<BodyEncoder>[1]): [string, string | Blob][] {
  // An array has no field names: its entries would go as fields "0", "1"... which no server reads.
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    let got: string = typeof body;
    if (body === null) got = "null";
    else if (Array.isArray(body)) got = "an array";
    throw invalidRequest(
      operation,
      `the ${operation.body?.mediaType} body must be an object of fields, got ${got}`,
    );
  }
  return Object.entries(body).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value])
      .filter((item) => item !== undefined)
      .map((item) => [name, fieldValue(item)] as [string, string | Blob]),
  );
}

/** `multipart/form-data`: an object of fields (Blob/File for files, arrays repeat a field) or a FormData. */
export const multipartBody: BodyEncoder = (body, operation) => {
  if (body instanceof FormData) return { body, contentType: false };
  const form = new FormData();
  for (const [name, value] of fields(body, operation)) {
    // A Blob's file name is "blob" by the Fetch standard, but Bun sends an empty one, which servers read
    // as "no file": it is given explicitly. A File keeps its own.
    if (typeof value === "string") form.append(name, value);
    else {
      const own = (value as { name?: unknown }).name;
      form.append(name, value, typeof own === "string" && own !== "" ? own : "blob");
    }
  }
  return { body: form, contentType: false };
};

/** `application/x-www-form-urlencoded`: an object of fields or a URLSearchParams. */
export const formBody: BodyEncoder = (body, operation) => {
  if (body instanceof URLSearchParams) return { body };
  const form = new URLSearchParams();
  for (const [name, value] of fields(body, operation)) {
    if (typeof value !== "string")
      throw invalidRequest(operation, `field "${name}" is a file, which a URL-encoded form cannot carry`);
    form.append(name, value);
  }
  return { body: form };
};

/** Text types (`text/*`, XML, CSV): the string as given. */
export const textBody: BodyEncoder = (body) => ({ body: String(body) });

/** Anything else (`application/octet-stream`, images, ...): a Blob, buffer, stream or string as given. */
export const binaryBody: BodyEncoder = (body) => ({ body: body as BodyInit });
