// Reading a request body: at most the limit (one 413 rule for a declared length and a streamed one), in a
// content type the operation declares (415 otherwise), parsed as openapi-backend validates it.
import { errorBody, isJsonType, mediaTypeEssence, type Outcome } from "./answers.js";
import { formBodyOf, type RawFields } from "./form-fields.js";
import type { Json } from "./refs.js";

/**
 * The request's body as openapi-backend validates it (undefined when empty), or the answer that refuses
 * it: 413 past `limit` (by Content-Length, or while reading: the body is never read further), 415 for a
 * content type the operation does not declare, 400 for one that does not parse.
 */
export async function readRequestBody(
  request: Request,
  rules: {
    limit: number;
    /** The operation's `requestBody.content`, by media type. */
    content: Json;
    operationId: string | undefined;
    /** The document, for the references in the body schema. */
    document: Json;
  },
): Promise<{ body: unknown } | { outcome: Outcome }> {
  const declaredLength = Number(request.headers.get("content-length") ?? 0);
  const raw = declaredLength > rules.limit ? undefined : await readLimited(request, rules.limit);
  if (raw === undefined) {
    void request.body?.cancel().catch(() => {});
    return { outcome: tooLarge(rules.limit) };
  }
  const contentType = request.headers.get("content-type") ?? "";
  // An empty URL-encoded form is a form of no fields, as a server reads it (not a missing body).
  if (raw.byteLength === 0)
    return { body: /^application\/x-www-form-urlencoded/i.test(contentType) ? {} : undefined };
  const declared = Object.keys(rules.content);
  const mediaType = mediaTypeEssence(contentType);
  // Parameters (`; charset=utf-8`, `;version=2020-03-16`) do not change what a body is, on either side.
  const accepted = declared.some((type) => {
    const [kind, sub] = mediaTypeEssence(type).split("/");
    return (
      mediaTypeEssence(type) === mediaType ||
      (sub === "*" && (kind === "*" || mediaType.startsWith(`${kind}/`)))
    );
  });
  if (rules.operationId !== undefined && declared.length > 0 && !accepted) {
    const reason = `content-type ${mediaType || "missing"}; the spec declares ${declared.join(", ")}`;
    return {
      outcome: {
        operationId: rules.operationId,
        status: 415,
        valid: false,
        reason,
        body: errorBody(`Send the body as ${declared.join(" or ")}.`),
      },
    };
  }
  // The media type object the body was sent as: its schema and encoding say how form fields read back.
  const media = (Object.entries(rules.content).find(([type]) => mediaTypeEssence(type) === mediaType)?.[1] ??
    Object.entries(rules.content).find(([type]) => mediaType.startsWith(type.replace(/\*$/, "")))?.[1]) as
    | Json
    | undefined;
  const parsed = await parseBody(raw, contentType, (fields) => formBodyOf(fields, rules.document, media));
  if ("error" in parsed)
    return {
      outcome: { status: parsed.status, valid: false, reason: parsed.error, body: errorBody(parsed.error) },
    };
  return { body: parsed.body };
}

function tooLarge(limit: number): Outcome {
  return {
    status: 413,
    valid: false,
    reason: `body larger than ${limit} bytes`,
    body: errorBody(`Request body too large: the mock accepts at most ${limit} bytes.`),
  };
}

/** The request body as openapi-backend validates it, by content type. */
async function parseBody(
  raw: Uint8Array,
  contentType: string,
  formBody: (fields: RawFields) => Record<string, unknown>,
): Promise<{ body: unknown } | { error: string; status: number }> {
  const text = () => new TextDecoder().decode(raw);
  // openapi-backend parses string bodies as JSON itself: JSON goes as its text, other text JSON-encoded.
  if (isJsonType(contentType) || contentType === "") {
    try {
      const json = text();
      JSON.parse(json);
      return { body: json };
    } catch {
      return { error: "Invalid JSON body", status: 400 };
    }
  }
  if (/^multipart\/form-data/i.test(contentType)) {
    try {
      const form = await new Request("http://x/", {
        method: "POST",
        headers: { "content-type": contentType },
        body: raw as Uint8Array<ArrayBuffer>,
      }).formData();
      return { body: formBody(formFields(form)) };
    } catch {
      return { error: "Invalid multipart body", status: 400 };
    }
  }
  if (/^application\/x-www-form-urlencoded/i.test(contentType))
    return { body: formBody(formFields(new URLSearchParams(text()))) };
  // Text and binary: a string stands in for the bytes (schemas say `type: string`, maybe `format: binary`).
  return { body: JSON.stringify(text()) };
}

/**
 * Form fields by name, in order, in one pass (getAll per name is quadratic in the number of fields); a
 * file stands as its file name. A Map, so a field named `__proto__` is a field like any other.
 */
function formFields(form: FormData | URLSearchParams): RawFields {
  const grouped: RawFields = new Map();
  for (const [name, value] of form as Iterable<[string, string | File]>) {
    const values = grouped.get(name) ?? [];
    values.push(typeof value === "string" ? value : value.name || "file");
    grouped.set(name, values);
  }
  return grouped;
}

/** The body's bytes, reading no further than `limit`; undefined when it is longer. */
async function readLimited(request: Request, limit: number): Promise<Uint8Array | undefined> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      void reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
