// Documents an attacker could publish at the vendor's URL. Every field that reaches generated output
// carries text that would end a comment, a string or a line, or start a JSDoc tag, if it were pasted in.

/** Break-out attempts: each would run `globalThis.pwned = 1` (or mark a declaration deprecated) if emitted raw. */
export const BREAK_OUTS = [
  "*/ globalThis.pwned = 1; /*",
  '"; globalThis.pwned = 1; "',
  "'; globalThis.pwned = 1; '",
  "`; globalThis.pwned = 1; `",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the text a template literal would evaluate
  "${globalThis.pwned = 1}",
  "\u2028globalThis.pwned = 1;\u2029",
  "\n*/\nglobalThis.pwned = 1;\n/**\n",
  "\r\n// */ globalThis.pwned = 1;",
  "@deprecated injected tag",
  "line\n@deprecated",
  "{@link javascript:globalThis.pwned=1}",
  "</script><script>globalThis.pwned = 1</script>",
  "\u0000\u001b[31m\u007f",
];

const text = (index: number) => BREAK_OUTS[index % BREAK_OUTS.length] as string;

/** `target[name] = value` as an own, enumerable key, even for `__proto__` (plain assignment would set the prototype). */
function setOwn(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}

/** Names JavaScript objects inherit, and names of the runtime and of the generated module's own exports. */
export const TRICKY_NAMES = [
  "__proto__",
  "constructor",
  "toString",
  "then",
  "paginate",
  "styledParams",
  "jsonBody",
  "bindOperations",
  "operationDescriptors",
  "BoundOperations",
  "paths",
  "components",
  "operations",
  "runner",
];

/**
 * One valid document with a hostile string in every field that reaches output. `JSON.parse` is used so that
 * `__proto__` keys are own properties, as they are when the document is read from a file.
 */
export function hostileDocument(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  BREAK_OUTS.forEach((breakOut, index) => {
    setOwn(properties, breakOut, {
      type: "string",
      description: text(index + 1),
      title: text(index + 2),
      example: text(index + 3),
      default: text(index + 4),
      enum: [text(index + 5), text(index + 6)],
      format: text(index + 7),
      pattern: text(index + 8),
    });
  });
  for (const name of TRICKY_NAMES) setOwn(properties, name, { type: "string", description: text(0) });

  const schemas: Record<string, unknown> = {
    Thing: {
      type: "object",
      description: text(0),
      title: text(1),
      example: Object.fromEntries(BREAK_OUTS.map((b) => [b, b])),
      properties,
      required: ["__proto__"],
    },
    "Deprecated.Thing": { type: "object", deprecated: true, description: text(6) },
  };
  // Component keys may only use OpenAPI's `^[a-zA-Z0-9.\-_]+$`, and these pass it.
  for (const name of ["__proto__", "constructor", "toString", "then", "paths"])
    setOwn(schemas, name, { type: "string", description: text(2), enum: BREAK_OUTS });

  const operations: Record<string, unknown> = {};
  [...TRICKY_NAMES, "hasOwnProperty", "valueOf", ...BREAK_OUTS].forEach((operationId, index) => {
    const path = `/things${index}/{id}`;
    setOwn(operations, path, {
      parameters: [
        { name: "id", in: "path", required: true, schema: { type: "string" }, description: text(index) },
      ],
      post: {
        operationId,
        summary: text(index),
        description: text(index + 1),
        tags: [text(index + 2)],
        parameters: [
          { name: text(index + 3), in: "query", schema: { type: "string" }, description: text(index + 4) },
          { name: "x-thing", in: "header", schema: { type: "string" }, description: text(index + 5) },
        ],
        requestBody: {
          description: text(index + 6),
          content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
        },
        responses: {
          "200": {
            description: text(index + 7),
            content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
          },
          default: {
            description: text(index + 8),
            content: {
              "application/json": { schema: { type: "object", properties: { [text(index)]: {} } } },
            },
          },
        },
      },
    });
  });
  operations["/x/*/ globalThis.pwned = 1; /*"] = {
    get: { responses: { "204": { description: text(3) } } },
  };

  const document = {
    openapi: "3.0.3",
    info: { title: text(0), version: text(6), description: text(1) },
    servers: [
      { url: "https://hostile.example/v2", description: text(0) },
      { url: "https://hostile.example/v3", description: "Constructor server" },
      { url: "https://hostile.example/v4", description: "__proto__ server" },
      { url: "https://hostile.example/v5", description: "hasOwnProperty" },
      { url: "https://hostile.example/v6", description: "valueOf" },
    ],
    security: [{ "Key.scheme-1": [] }],
    tags: BREAK_OUTS.map((name) => ({ name, description: name })),
    paths: operations,
    components: {
      schemas,
      securitySchemes: {
        "Key.scheme-1": { type: "apiKey", in: "header", name: "apikey", description: text(1) },
      },
    },
  };
  // Through JSON text, as a document fetched from a URL arrives.
  return JSON.parse(JSON.stringify(document));
}
