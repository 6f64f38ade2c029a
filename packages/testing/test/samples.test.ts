// The values the mock answers with (and that tests send) are valid, or the mock says it found none; and
// the OpenAPI 3.0 constructs that made earlier versions refuse a valid document are served.
import { describe, expect, test } from "vitest";
import {
  type Json,
  MAX_SAMPLE_ATTEMPTS,
  MAX_SEPARATING_CHANGES,
  MockAngo,
  ONLY_WITH_OTHER_BRANCH_FIELDS,
  REQUIRED_ONLY_REF_DEPTH,
  SAMPLE_REF_DEPTH,
  SAMPLE_STRING_SPAN,
  sampleValue,
  TWINNED_ONE_OF_BRANCHES,
  validateValue,
  withJsonSchemaDialect,
} from "../src/index.js";

/** A one-operation document: POST /things takes and answers `schema`, and `components` beside it. */
function documentWith(schema: Json, components: Json = {}): Json {
  return {
    openapi: "3.0.3",
    info: { title: "t", version: "1" },
    paths: {
      "/things": {
        post: {
          operationId: "postThing",
          requestBody: { required: true, content: { "application/json": { schema } } },
          responses: { "200": { description: "ok", content: { "application/json": { schema } } } },
        },
      },
    },
    components: { schemas: components },
  };
}

async function post(document: Json, body: unknown) {
  const mock = new MockAngo({ document });
  const response = await mock.handle(
    new Request("http://127.0.0.1/things", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
  return { status: response.status, body: await response.json(), call: mock.calls[0], mock };
}

const pets = {
  Pet: {
    type: "object",
    required: ["pet_type"],
    properties: { pet_type: { type: "string" } },
    discriminator: { propertyName: "pet_type" },
  },
  Cat: { allOf: [{ $ref: "#/components/schemas/Pet" }, { properties: { hunts: { type: "boolean" } } }] },
  Dog: { allOf: [{ $ref: "#/components/schemas/Pet" }, { properties: { bark: { type: "boolean" } } }] },
};
const catOrDog = { oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }] };

describe("sampleValue", () => {
  test("a self-referencing schema gets a finite valid value (its optional recursion left out)", async () => {
    const document = documentWith(
      {},
      {
        Node: {
          type: "object",
          required: ["id"],
          properties: { id: { type: "string" }, next: { $ref: "#/components/schemas/Node" } },
        },
      },
    );
    const sample = await sampleValue(document, { $ref: "#/components/schemas/Node" }, { seed: 7 });
    expect(sample.valid).toBe(true);
    expect(typeof (sample.value as Json).id).toBe("string");
  });

  test("recursion through anyOf: past the reference depth a field is left out, never filled with any value", async () => {
    // apideck's profit-and-loss records: a section holds records, each a section or a record. A value
    // made of nothing past the depth (a number for `records`) is valid as a record with an undeclared field.
    const components = {
      Records: {
        type: "array",
        items: { anyOf: [{ $ref: "#/components/schemas/Section" }, { $ref: "#/components/schemas/Record" }] },
      },
      Section: {
        type: "object",
        required: ["type"],
        properties: { type: { type: "string" }, records: { $ref: "#/components/schemas/Records" } },
      },
      Record: { type: "object", required: ["type"], properties: { type: { type: "string" } } },
    };
    const document = documentWith({}, components);
    const misplaced: unknown[] = [];
    const visit = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (typeof value === "object" && value !== null) {
        const { records } = value as Json;
        if (records !== undefined && !Array.isArray(records)) misplaced.push(records);
        Object.values(value).forEach(visit);
      }
    };
    for (let seed = 1; seed <= 40; seed++) {
      const sample = await sampleValue(
        document,
        { $ref: "#/components/schemas/Section" },
        { seed, optionalFields: "all" },
      );
      expect(sample.valid).toBe(true);
      visit(sample.value);
    }
    expect(misplaced).toEqual([]);
  });

  test("a schema of `nullable: true` alone gets a value, never none (sendgrid's 202 answer)", async () => {
    // As the mock reads it: OpenAPI 3.0's dialect first (a lone `nullable` admits null beside anything).
    const document = documentWith({ nullable: true });
    withJsonSchemaDialect(document);
    const schema = document.paths["/things"].post.requestBody.content["application/json"].schema;
    for (let seed = 1; seed <= 10; seed++) {
      const sample = await sampleValue(document, schema, { seed });
      expect(sample.valid).toBe(true);
      expect(sample.value).not.toBeUndefined();
    }
  });

  test("a required field the schema does not describe is filled (with its additionalProperties' value)", async () => {
    // @readme/oas-examples' schema-enums: `required` names a field `properties` lacks.
    const loose = { type: "object", required: ["free"], properties: { other: { type: "boolean" } } };
    const typed = { type: "object", required: ["count"], additionalProperties: { type: "integer" } };
    for (const schema of [loose, typed]) {
      const sample = await sampleValue(documentWith(schema), schema, { seed: 3 });
      expect(sample.valid, JSON.stringify(sample)).toBe(true);
      expect(Object.keys(sample.value as object)).toContain(schema.required[0]);
    }
    const typedSample = await sampleValue(documentWith(typed), typed, { seed: 3 });
    expect(Number.isInteger((typedSample.value as Json).count)).toBe(true);
  });

  test("a schema that composes another: a required field neither describes is filled, one the other describes keeps its type", async () => {
    // figshare's ArticleCompletePrivate: `allOf` a reference, and `required` names a field no schema
    // describes beside fields the referenced one does.
    const schema = {
      allOf: [{ $ref: "#/components/schemas/Base" }],
      properties: { own: { type: "string" } },
      required: ["own", "count", "array[integer](optional)"],
    };
    const base = { type: "object", properties: { count: { type: "integer", minimum: 1 } } };
    for (let seed = 1; seed <= 5; seed++) {
      const sample = await sampleValue(documentWith(schema, { Base: base }), schema, { seed });
      expect(sample.valid, JSON.stringify(sample)).toBe(true);
      expect(Object.keys(sample.value as object)).toContain("array[integer](optional)");
      expect(Number.isInteger((sample.value as Json).count)).toBe(true);
    }
  });

  test("a required field only some branches describe is filled whichever branch the value takes", async () => {
    // gerermesaffaires' bank statement: the parent requires `Title` (declared by one branch), `DocumentId`
    // (by the other) and `Name` (by neither, only inside `File`); a value made from one branch lacked
    // the other's field, and every try failed.
    // Under a field, as in a tool's input: the sampler's own split into branches is at the top only.
    const body = {
      type: "object",
      anyOf: [
        { type: "object", properties: { DocumentId: { type: "string" }, Balance: { type: "number" } } },
        {
          type: "object",
          properties: { Title: { type: "string" }, File: { type: "object" }, Date: { type: "string" } },
        },
      ],
      required: ["Title", "File", "Name", "DocumentId"],
    };
    const schema = { type: "object", properties: { body }, required: ["body"] };
    for (const optionalFields of ["none", "some", "all"] as const) {
      const sample = await sampleValue(documentWith(schema), schema, { seed: 7, optionalFields });
      expect(sample.valid, JSON.stringify(sample)).toBe(true);
      expect(Object.keys((sample.value as Json).body as object)).toEqual(
        expect.arrayContaining(body.required),
      );
    }
  });

  test("oneOf branches that overlap: a value that matches exactly one", async () => {
    // Both branches accept {kind: "a"} alone; only a value carrying `size` (or `colour`) matches one.
    const schema = {
      oneOf: [
        {
          type: "object",
          required: ["kind", "size"],
          properties: { kind: { type: "string" }, size: { type: "integer" } },
        },
        {
          type: "object",
          required: ["kind"],
          properties: { kind: { type: "string" } },
          additionalProperties: false,
        },
      ],
    };
    const sample = await sampleValue(documentWith(schema), schema, { seed: 1 });
    expect(sample).toMatchObject({ valid: true, errors: [] });
  });

  describe("oneOf branches that every generated value matches together are told apart", () => {
    const matchesExactlyOne = (document: Json, schema: Json, value: unknown) =>
      (schema.oneOf as Json[]).filter((branch) => validateValue(document, branch, value).length === 0).length;

    test("a field one branch requires and the kept one does not is left out", async () => {
      // Every value made from the second branch carries `a` and `b`, and so matches the first too.
      const schema = {
        oneOf: [
          { type: "object", required: ["a"], properties: { a: { type: "string" } } },
          {
            type: "object",
            required: ["a", "b"],
            properties: { a: { type: "string" }, b: { type: "string" } },
          },
        ],
      };
      const document = documentWith(schema);
      for (const seed of [1, 2, 3]) {
        const sample = await sampleValue(document, schema, { seed, optionalFields: "all" });
        expect(sample).toMatchObject({ valid: true, errors: [] });
        expect(matchesExactlyOne(document, schema, sample.value)).toBe(1);
      }
    });

    test("a value kept as one branch carries no field only the others describe (CDC's transports)", async () => {
      // Every AS2 transport also matches the open NullTransport; kept as the latter, it must not keep
      // AS2's fields, which the client's response validation would report as undeclared.
      const transport = {
        oneOf: [
          {
            type: "object",
            required: ["type"],
            properties: { type: { type: "string" }, dummy: { type: "string" } },
          },
          {
            type: "object",
            required: ["type", "receiverId", "senderId"],
            properties: {
              type: { type: "string" },
              receiverId: { type: "string" },
              senderId: { type: "string" },
            },
          },
        ],
      };
      // Nested, so each value's transport is made from either branch (a top-level oneOf is tried branch by branch).
      const schema = { type: "object", required: ["transport"], properties: { transport } };
      const document = documentWith(schema);
      for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
        const sample = await sampleValue(document, schema, { seed, optionalFields: "all" });
        expect(sample).toMatchObject({ valid: true, errors: [] });
        const value = (sample.value as Json).transport;
        const [branch] = transport.oneOf.filter((b) => validateValue(document, b, value).length === 0);
        expect(Object.keys(branch?.properties ?? {})).toEqual(expect.arrayContaining(Object.keys(value)));
      }
    });

    test("a field both describe is given a value of the kept branch's that the other refuses", async () => {
      const schema = {
        oneOf: [
          { type: "object", required: ["kind"], properties: { kind: { type: "string", enum: ["x", "y"] } } },
          { type: "object", required: ["kind"], properties: { kind: { type: "string", enum: ["y"] } } },
        ],
      };
      const document = documentWith(schema);
      const sample = await sampleValue(document, schema, { seed: 1 });
      expect(sample).toMatchObject({ valid: true, value: { kind: "x" } });
    });

    test("only a field of another branch tells them apart: in a request, yes; in an answer, a named reason", async () => {
      // 1Password's audit events: a cursor or a time range, neither required nor closed, and three
      // branches, of which Ajv names only the first two a value matches.
      const schema = {
        oneOf: [
          { type: "object", properties: { cursor: { type: "string" } } },
          { type: "object", properties: { limit: { type: "integer" } } },
          { type: "object", properties: { start_time: { type: "string", format: "date-time" } } },
        ],
      };
      const document = documentWith(schema);
      const request = await sampleValue(document, schema, { otherBranchFields: true });
      expect(request).toMatchObject({ valid: true, errors: [] });
      expect(matchesExactlyOne(document, schema, request.value)).toBe(1);
      const answer = await sampleValue(document, schema);
      expect(answer).toMatchObject({ valid: false, errors: [`body ${ONLY_WITH_OTHER_BRANCH_FIELDS}`] });
      const { status, body } = await post(document, request.value);
      expect(status).toBe(500);
      expect(body.message).toContain(ONLY_WITH_OTHER_BRANCH_FIELDS);
    });

    test("branches that differ only inside a shared field's items are told apart there", async () => {
      // Nexmo's SMS answer: sent messages or errors, each a list under `messages`; the items differ only
      // in whether `status`, which both describe, may be null.
      const listOf = (status: Json) => ({
        type: "object",
        required: ["messages"],
        properties: {
          messages: {
            type: "array",
            minItems: 1,
            items: { type: "object", required: ["status"], properties: { status, to: { type: "string" } } },
          },
        },
      });
      const schema = { oneOf: [listOf({ type: "string" }), listOf({ type: "string", nullable: true })] };
      const document = documentWith(schema);
      for (const seed of [1, 2, 3, 4]) {
        const sample = await sampleValue(document, schema, { seed });
        expect(sample).toMatchObject({ valid: true, errors: [] });
        expect(matchesExactlyOne(document, schema, sample.value)).toBe(1);
      }
    });

    test("a oneOf whose every branch has a twin (annotations aside) gets the named reason", async () => {
      // Nexmo's Messages answer: one branch per channel, each the same object, named by an x-tab-id.
      const channel = (name: string) => ({
        type: "object",
        description: `sent on ${name}`,
        "x-tab-id": name,
        properties: { message_uuid: { type: "string", title: "UUID" } },
      });
      const schema = { oneOf: [channel("SMS"), channel("MMS"), channel("Viber")] };
      const document = documentWith(schema);
      const answer = await sampleValue(document, schema, { otherBranchFields: true });
      expect(answer).toMatchObject({ valid: false, errors: [`body ${TWINNED_ONE_OF_BRANCHES}`] });
      // A branch without a twin can still match alone: no such reason then.
      const untwinned = {
        oneOf: [
          ...schema.oneOf,
          { type: "object", required: ["id"], properties: { id: { type: "integer" } } },
        ],
      };
      const other = await sampleValue(documentWith(untwinned), untwinned);
      expect(other.errors.join()).not.toContain(TWINNED_ONE_OF_BRANCHES);
    });

    test("at most MAX_SEPARATING_CHANGES changes: a value that needs more stays invalid", async () => {
      // Each item whose `k` is "p" matches both branches and needs one change (to "q").
      const withItems = (count: number) => ({
        type: "array",
        minItems: count,
        maxItems: count,
        items: {
          oneOf: [
            { type: "object", required: ["k"], properties: { k: { enum: ["p"] } } },
            { type: "object", required: ["k"], properties: { k: { enum: ["p", "q"] } } },
          ],
        },
      });
      const few = withItems(MAX_SEPARATING_CHANGES / 2);
      expect(await sampleValue(documentWith(few), few)).toMatchObject({ valid: true });
      const many = withItems(MAX_SEPARATING_CHANGES * 4);
      const sample = await sampleValue(documentWith(many), many);
      expect(sample.valid).toBe(false);
      expect(sample.errors.join("; ")).toMatch(/must match exactly one schema in oneOf/);
    });
  });

  test("a value made from one oneOf branch is kept only if valid as that branch, not through another", async () => {
    const schema = {
      oneOf: [
        // No value satisfies this branch (no integer is at least 5 and under 5); what is made from it
        // carries `y`, which the other branch allows as an undeclared field.
        {
          type: "object",
          properties: { y: { type: "integer", minimum: 5, exclusiveMaximum: 5 } },
          required: ["y"],
        },
        { type: "object", properties: { x: { type: "string" } } },
      ],
    };
    const sample = await sampleValue(documentWith(schema), schema);
    expect(sample.valid).toBe(true);
    expect(Object.keys(sample.value as object)).not.toContain("y");
  });

  test("a schema nothing satisfies: invalid, with the validator's words, after the named number of tries", async () => {
    const schema = { allOf: [{ type: "string" }, { type: "integer" }] };
    const sample = await sampleValue(documentWith(schema), schema);
    expect(sample.valid).toBe(false);
    expect(sample.errors.join("; ")).toMatch(/must be (string|integer)/);
    expect(MAX_SAMPLE_ATTEMPTS).toBeGreaterThan(1);
  });

  test("OpenAPI's own keywords on a schema without properties are not made into fields", async () => {
    const runtime = { type: "object", properties: { path: { type: "string" } } };
    const schema = {
      type: "object",
      additionalProperties: { $ref: "#/components/schemas/Runtime" },
      example: { custom: { path: "/bin/x", args: ["-d"] } },
      nullable: true,
      xml: { name: "runtimes" },
      "x-internal": "yes",
      discriminator: { propertyName: "kind" },
      faker: "internet.email",
    };
    const document = documentWith(schema, { Runtime: runtime });
    for (const seed of [1, 2, 3, 4, 5]) {
      const value = (await sampleValue(document, schema, { seed, optionalFields: "all" })).value as Json;
      for (const keyword of ["example", "nullable", "xml", "x-internal", "discriminator", "faker"])
        expect(Object.keys(value ?? {})).not.toContain(keyword);
    }
  });

  test("a reference's `nullable` sibling admits no null (as the generated types read it)", async () => {
    const document = documentWith(
      { type: "object", properties: { at: { $ref: "#/components/schemas/When", nullable: true } } },
      { When: { type: "string", format: "date-time" } },
    );
    withJsonSchemaDialect(document);
    const schema = document.paths["/things"].post.requestBody.content["application/json"].schema;
    expect((await post(document, { at: null })).status).toBe(400);
    for (const seed of [1, 2, 3, 4, 5, 6])
      expect((await sampleValue(document, schema, { seed, optionalFields: "all" })).value).not.toEqual({
        at: null,
      });
  });

  test("a pattern's string is lengthened to its minLength where the pattern is not anchored at that end", async () => {
    const document = documentWith(
      { type: "string" },
      { Arn: { type: "string", pattern: ".*\\S.*", minLength: 20, maxLength: 2048 } },
    );
    for (const schema of [
      { type: "string", pattern: "[a-zA-Z0-9][a-zA-Z0-9-]*", minLength: 36, maxLength: 36 },
      { type: "string", pattern: "[0-9]+$", minLength: 20 },
      {
        type: "object",
        required: ["arn", "resource"],
        properties: {
          // AWS WAF's shape: a reference beside a description, in an allOf.
          arn: { allOf: [{ $ref: "#/components/schemas/Arn" }, { description: "the ACL" }] },
          resource: { allOf: [{ $ref: "#/components/schemas/Arn" }, { description: "the resource" }] },
        },
      },
    ]) {
      const sample = await sampleValue(document, schema, { nonEmpty: true });
      expect(sample.errors).toEqual([]);
      expect(sample.valid).toBe(true);
    }
    // Anchored at both ends, a pattern keeps its own length: no string of 5 digits is 8 long.
    expect((await sampleValue(document, { type: "string", pattern: "^[0-9]{5}$", minLength: 8 })).valid).toBe(
      false,
    );
  });

  test("a pattern with an exact length keeps to the pattern (GitHub's 40-character hexadecimal commit_sha)", async () => {
    const schema = { type: "string", pattern: "^[0-9a-fA-F]+$", minLength: 40, maxLength: 40 };
    for (const seed of [1, 2, 3]) {
      const sample = await sampleValue(documentWith(schema), schema, { seed });
      expect(sample).toMatchObject({ valid: true });
      expect(sample.value).toMatch(/^[0-9a-fA-F]{40}$/);
    }
  });

  test("patterns open at both ends (`.*X.*`) with an exact length get X at that length (AWS Clean Rooms' identifiers)", async () => {
    // Several such fields in one value, as Clean Rooms' analysis template has: padded at both ends by the
    // generator, no one cut (at the end or at the start of every string) brings them all to 36.
    const uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    const names = ["id", "collaborationId", "membershipId", "schemaId"];
    for (const pattern of [`.*${uuid}.*`, `^.*${uuid}.*$`]) {
      const id = { type: "string", pattern, minLength: 36, maxLength: 36 };
      const schema = {
        type: "object",
        required: names,
        properties: Object.fromEntries(names.map((n) => [n, id])),
      };
      for (const seed of [1, 2, 3]) {
        const sample = await sampleValue(documentWith(schema), schema, { seed });
        expect(sample, pattern).toMatchObject({ valid: true, errors: [] });
        for (const name of names) expect((sample.value as Json)[name]).toMatch(new RegExp(`^${uuid}$`));
      }
    }
    // A literal dot repeated (`\.*`) is not an open end: the pattern is kept as written.
    const dots = { type: "string", pattern: String.raw`^ab\.*$`, minLength: 4, maxLength: 4 };
    expect(await sampleValue(documentWith(dots), dots)).toMatchObject({ valid: true, value: "ab.." });
  });

  test("a string whose ends are fixed is lengthened inside (Unicourt's 25-character date-time, AWS AppSync's anchored ARN)", async () => {
    // Neither end takes another character: `Z` ends a date-time, and the ARN's pattern is anchored with
    // exact counts at both ends; only its region, `{0,63}`, can grow.
    const dateTime = { type: "string", format: "date-time", minLength: 25, maxLength: 25 };
    const arn = {
      type: "string",
      pattern: String.raw`^arn:aws:appsync:[A-Za-z0-9_/.-]{0,63}:\d{12}:apis/[0-9A-Za-z_-]{26}$`,
      minLength: 70,
      maxLength: 75,
    };
    const schema = { type: "object", required: ["at", "arn"], properties: { at: dateTime, arn } };
    for (const seed of [1, 2, 3]) {
      const sample = await sampleValue(documentWith(schema), schema, { seed });
      expect(sample).toMatchObject({ valid: true, errors: [] });
      const value = sample.value as { at: string; arn: string };
      expect(value.at).toHaveLength(25);
      expect(Number.isNaN(Date.parse(value.at))).toBe(false);
      expect(value.arn.length).toBeGreaterThanOrEqual(70);
      expect(value.arn).toMatch(new RegExp(arn.pattern));
    }
  });

  test("an array of exact length more than SAMPLE_REF_DEPTH references deep keeps its items (AWS Location's positions)", async () => {
    const levels = SAMPLE_REF_DEPTH + 2;
    const components: Json = {
      Number: { type: "number", format: "double" },
      Position: { type: "array", items: { $ref: "#/components/schemas/Number" }, minItems: 2, maxItems: 2 },
      [`Level${levels}`]: {
        type: "object",
        required: ["end"],
        properties: { end: { allOf: [{ $ref: "#/components/schemas/Position" }, { description: "d" }] } },
      },
    };
    for (let level = levels - 1; level >= 0; level--)
      components[`Level${level}`] = {
        type: "object",
        required: ["next"],
        properties: { next: { $ref: `#/components/schemas/Level${level + 1}` } },
      };
    const sample = await sampleValue(documentWith({}, components), { $ref: "#/components/schemas/Level0" });
    expect(sample.errors).toEqual([]);
    let value = sample.value as Json;
    for (let level = 0; level < levels; level++) value = value.next;
    expect(value.end).toHaveLength(2);
  });

  test("a number of OpenAPI's int32 or int64 format is whole", async () => {
    const document = documentWith({ type: "string" });
    for (const format of ["int32", "int64"]) {
      const sample = await sampleValue(document, { type: "number", format, minimum: 0, maximum: 1000 });
      expect(sample.valid).toBe(true);
      expect(Number.isInteger(sample.value)).toBe(true);
    }
  });

  test("a pattern with \\u escapes gets a matching string (AWS's ARN and certificate patterns)", async () => {
    const document = documentWith({ type: "string" });
    for (const pattern of [
      String.raw`^arn:aws:iam::\d{12}:user(?:(\u002F)|(\u002F[\u0021-\u007E]+\u002F))[\w+=,.@-]+$`,
      String.raw`^-{5}BEGIN\u0020CERT-{5}\u000D?\u000A[A-Za-z0-9/+]{4,8}\u000A$`,
      String.raw`^a\\u0041$`,
    ]) {
      const sample = await sampleValue(document, { type: "string", pattern });
      expect(sample, pattern).toMatchObject({ valid: true, errors: [] });
      expect(new RegExp(pattern, "u").test(sample.value as string)).toBe(true);
    }
  });

  test("a number bounded on one side only, beyond -1000 to 1000, is drawn within its bound (PandaScore's series year)", async () => {
    const document = documentWith({ type: "string" });
    for (const schema of [
      { type: "integer", minimum: 2012 },
      { type: "number", exclusiveMinimum: 5000 },
      { type: "integer", maximum: -2000 },
    ]) {
      const sample = await sampleValue(document, schema);
      expect(sample, JSON.stringify(schema)).toMatchObject({ valid: true, errors: [] });
    }
  });

  test(`a required field more than SAMPLE_REF_DEPTH references deep, with no recursion, is filled (the last tries: required fields alone, to REQUIRED_ONLY_REF_DEPTH)`, async () => {
    // Each level a component of its own, as VTEX's and Shotstack's answers nest them.
    const levels = SAMPLE_REF_DEPTH + 4;
    const components: Json = { [`Level${levels}`]: { type: "string", minLength: 1 } };
    for (let level = levels - 1; level >= 0; level--)
      components[`Level${level}`] = {
        type: "object",
        required: ["next"],
        properties: { next: { $ref: `#/components/schemas/Level${level + 1}` } },
      };
    expect(levels).toBeLessThan(REQUIRED_ONLY_REF_DEPTH);
    const document = documentWith({}, components);
    const sample = await sampleValue(document, { $ref: "#/components/schemas/Level0" });
    expect(sample.errors).toEqual([]);
    let value = sample.value as Json;
    for (let level = 0; level < levels; level++) value = value.next;
    expect(typeof value).toBe("string");
  });

  test("a minProperties is met with declared fields, not made-up names", async () => {
    const schema = {
      type: "object",
      minProperties: 2,
      properties: { a: { type: "string" }, b: { type: "integer" } },
    };
    for (const optionalFields of ["none", "some"] as const) {
      const sample = await sampleValue(documentWith(schema), schema, { optionalFields });
      expect(sample.valid).toBe(true);
      expect(Object.keys(sample.value as object).sort()).toEqual(["a", "b"]);
    }
  });

  test("a string of the validator's `url` format is a URL", async () => {
    const sample = await sampleValue(documentWith({ type: "string" }), { type: "string", format: "url" });
    expect(sample).toMatchObject({ valid: true });
    expect(() => new URL(sample.value as string)).not.toThrow();
  });

  test("a string whose maxLength is huge is drawn within SAMPLE_STRING_SPAN of its minLength", async () => {
    const document = documentWith({ type: "string" });
    for (const [minLength, seed] of [
      [0, 1],
      [0, 2],
      [20, 3],
    ] as const) {
      const schema = { type: "string", minLength, maxLength: 1_000_000 };
      const sample = await sampleValue(document, schema, { seed });
      expect(sample.valid).toBe(true);
      expect((sample.value as string).length).toBeGreaterThanOrEqual(minLength);
      expect((sample.value as string).length).toBeLessThanOrEqual(minLength + SAMPLE_STRING_SPAN);
    }
  });

  test("the same seed gives the same value, for another copy of the document too", async () => {
    const schema = { type: "object", properties: { a: { type: "string" }, b: { type: "integer" } } };
    const copy = structuredClone(schema);
    expect((await sampleValue(documentWith(schema), schema, { seed: 5 })).value).toEqual(
      (await sampleValue(documentWith(copy), copy, { seed: 5 })).value,
    );
  });

  test("a sample given again is a copy: changing one changes no later one", async () => {
    const schema = {
      type: "object",
      required: ["tags"],
      properties: { tags: { type: "array", minItems: 1, items: { type: "string" } } },
    };
    const document = documentWith(schema);
    const first = await sampleValue(document, schema, { seed: 9 });
    const kept = structuredClone(first.value);
    (first.value as { tags: string[] }).tags.push("changed");
    const again = await sampleValue(document, schema, { seed: 9 });
    expect(again).toEqual({ value: kept, valid: true, errors: [] });
  });
});

describe("the mock serves what OpenAPI 3.0 allows", () => {
  test("a discriminator on the base schema the oneOf branches extend (allOf) picks the branch", async () => {
    const document = documentWith(catOrDog, pets);
    const cat = await post(document, { pet_type: "Cat", hunts: true });
    expect([cat.status, cat.call?.valid]).toEqual([200, true]);
    expect(["Cat", "Dog"]).toContain(cat.body.pet_type);
    const unknown = await post(document, { pet_type: "Cow" });
    expect(unknown.status).toBe(400);
  });

  test("a schema that refers into another operation's body (#/paths/...) is followed", async () => {
    const document = documentWith({ type: "object", properties: { size: { type: "integer" } } });
    document.paths["/other"] = {
      get: {
        operationId: "getOther",
        responses: {
          "200": {
            description: "ok",
            content: {
              "application/json": {
                schema: {
                  $ref: "#/paths/~1things/post/requestBody/content/application~1json/schema",
                },
              },
            },
          },
        },
      },
    };
    const mock = new MockAngo({ document });
    const response = await mock.handle(new Request("http://127.0.0.1/other"));
    expect(response.status).toBe(200);
    expect(mock.validateResponse(await response.json(), "getOther").valid).toBe(true);
    const wrong = await post(document, { size: "large" });
    expect(wrong.status).toBe(400);
  });

  test("a self-referencing body is validated at depth and answered", async () => {
    const document = documentWith(
      { $ref: "#/components/schemas/Person" },
      {
        Person: {
          type: "object",
          required: ["name"],
          properties: { name: { type: "string" }, boss: { $ref: "#/components/schemas/Person" } },
        },
      },
    );
    const ok = await post(document, { name: "a", boss: { name: "b", boss: { name: "c" } } });
    expect([ok.status, typeof ok.body.name]).toEqual([200, "string"]);
    const deep = await post(document, { name: "a", boss: { name: "b", boss: {} } });
    expect([deep.status, deep.call?.reason]).toEqual([
      400,
      "/requestBody/boss/boss must have required property 'name'",
    ]);
  });

  test("an answer no value can satisfy is a 500 that says so", async () => {
    const schema = { allOf: [{ type: "string" }, { type: "integer" }] };
    const document = documentWith({});
    document.paths["/things"].post.responses["200"].content["application/json"].schema = schema;
    const { status, body } = await post(document, {});
    expect(status).toBe(500);
    expect(body.message).toMatch(/^The mock could not generate a valid response: /);
  });
});

test("the dialect pass leaves a oneOf without any discriminator alone", () => {
  const document = documentWith({ oneOf: [{ type: "string" }, { type: "integer" }] });
  const before = structuredClone(document);
  withJsonSchemaDialect(document);
  expect(document).toEqual(before);
});
