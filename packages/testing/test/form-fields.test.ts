// Forms read as servers read them: every field arrives as text (or a file), and the body schema and the
// media type's `encoding` say what it was. One test per rule, each sent as the client encodes it.
import { formBody, multipartBody, type OperationDescriptor } from "@ango-hub/client/contract";
import { describe, expect, test } from "vitest";
import { MockAngo } from "../src/index.js";

const KEY = "form-test-key-0123456789";

const ticket = {
  type: "object",
  required: ["priority", "ratio", "urgent", "tags", "meta"],
  properties: {
    priority: { type: "integer", minimum: 1 },
    ratio: { type: "number" },
    urgent: { type: "boolean" },
    tags: { type: "array", items: { type: "string" } },
    scores: { type: "array", items: { type: "integer" } },
    meta: { type: "object", required: ["source"], properties: { source: { type: "string" } } },
    rows: { type: "array", items: { type: "object" } },
    note: { type: "string" },
    state: { type: "string", nullable: true, enum: ["open", "closed", null] },
    kind: { type: ["integer", "null"] },
    settings: {},
    extra: {},
    file: { type: "string", format: "binary" },
  },
};

function documentFor(mediaType: string) {
  return {
    openapi: "3.0.3",
    info: { title: "forms", version: "1" },
    servers: [{ url: "http://127.0.0.1/v1" }],
    security: [{ Key: [] }],
    components: {
      securitySchemes: { Key: { type: "apiKey", in: "header", name: "apikey" } },
      schemas: { Ticket: ticket },
    },
    paths: {
      "/tickets": {
        post: {
          operationId: "createTicket",
          requestBody: {
            required: true,
            content: {
              [mediaType]: {
                schema: { $ref: "#/components/schemas/Ticket" },
                // A part of any type sent as JSON: `42` is the number, where `extra`'s `42` stays text.
                encoding: { settings: { contentType: "application/json" } },
              },
            },
          },
          responses: { "204": { description: "done" } },
        },
      },
    },
  };
}

const fields = {
  priority: 3,
  ratio: 0.5,
  urgent: false,
  tags: ["a", "b"],
  scores: [1, 2],
  meta: { source: "web" },
  rows: [{ x: 1 }, { y: [2] }],
  note: '{"looks": "like JSON"}',
  state: null,
  kind: 7,
};

/** Sends `body` as the client encodes it for `mediaType`; returns the mock's answer and what it read. */
async function send(mediaType: string, body: Record<string, unknown>) {
  const mock = new MockAngo({ document: documentFor(mediaType), apiKey: KEY });
  let read: unknown;
  const spy = new MockAngo({
    document: documentFor(mediaType),
    apiKey: KEY,
    respond: (call) => {
      read = call.body;
      return undefined;
    },
  });
  const operation = { body: { mediaType } } as OperationDescriptor;
  const encode = mediaType.startsWith("multipart") ? multipartBody : formBody;
  const encoded = encode(body, operation);
  const request = () =>
    new Request("http://127.0.0.1/v1/tickets", {
      method: "POST",
      headers: { apikey: KEY, ...(encoded.contentType === false ? {} : { "content-type": mediaType }) },
      body: encoded.body,
    });
  const response = await mock.handle(request());
  await spy.handle(request());
  return { status: response.status, text: await response.text(), read };
}

describe.each(["multipart/form-data", "application/x-www-form-urlencoded"])("%s", (mediaType) => {
  test("integers, numbers and booleans are read from their text", async () => {
    const { status, read } = await send(mediaType, fields);
    expect(status).toBe(204);
    expect(read).toMatchObject({ priority: 3, ratio: 0.5, urgent: false, kind: 7 });
  });

  test("arrays from repeated fields, each item by the items' schema; objects and rows from JSON", async () => {
    const { read } = await send(mediaType, fields);
    expect(read).toMatchObject({
      tags: ["a", "b"],
      scores: [1, 2],
      meta: { source: "web" },
      rows: [{ x: 1 }, { y: [2] }],
    });
    // One item is still a list when the schema says array.
    expect((await send(mediaType, { ...fields, tags: ["only"] })).read).toMatchObject({ tags: ["only"] });
  });

  test("a string field keeps text that looks like JSON; a nullable field reads null back", async () => {
    const { read } = await send(mediaType, fields);
    expect(read).toMatchObject({ note: '{"looks": "like JSON"}', state: null });
  });

  test("a part whose encoding says JSON is parsed as JSON", async () => {
    const { status, read } = await send(mediaType, { ...fields, settings: "42", extra: "42" });
    expect(status).toBe(204);
    expect(read).toMatchObject({ settings: 42, extra: "42" });
  });

  test("text that is not of the declared type is refused, naming the field", async () => {
    const { status, text } = await send(mediaType, { ...fields, priority: "high" });
    expect(status).toBe(400);
    expect(text).toMatch(/priority/);
  });
});

test("a file part stands as its file name, which a binary string field accepts", async () => {
  const { status, read } = await send("multipart/form-data", {
    ...fields,
    file: new File(["bytes"], "scan.png"),
  });
  expect(status).toBe(204);
  expect((read as { file: unknown }).file).toBe("scan.png");
});

test("a required file part that was not sent is refused, naming it", async () => {
  ticket.required.push("file");
  try {
    const { status, text } = await send("multipart/form-data", fields);
    expect(status).toBe(400);
    expect(text).toMatch(/required property 'file'/);
    const sent = await send("multipart/form-data", { ...fields, file: new File(["bytes"], "scan.png") });
    expect(sent.status).toBe(204);
  } finally {
    ticket.required.pop();
  }
});
