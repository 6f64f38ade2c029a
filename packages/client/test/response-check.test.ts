// The response check on hand-written plans: each kind of drift, where it is found, and what is not drift.
import { describe, expect, test } from "vitest";
import { CHECK_LIMITS, checkResponse, type ResponsePlan, type ShapeNode } from "../src/contract-entry.js";

/** A plan whose 200 (application/json) body is schema 0 of `schemas`, and whose 4XX is an error body. */
function planOf(schemas: ShapeNode[], extra: ResponsePlan["responses"] = {}): ResponsePlan {
  return { responses: { "200": { content: { "application/json": 0 } }, ...extra }, schemas };
}

// biome-ignore lint/suspicious/noExplicitAny: the tests reach into bodies they build to break them
type Body = any;

const check = (plan: ResponsePlan, body: unknown, status = 200, contentType = "application/json") =>
  checkResponse(plan, { status, contentType, body });

/** `{ status, data: { batches: [{ _id?, name, state? }] , total } }`, Ango's list answer. */
const listPlan = planOf([
  { type: ["object"], properties: { status: 1, data: 2 }, required: ["status", "data"] },
  { type: ["string"], enum: ["success"] },
  { type: ["object"], properties: { batches: 3, total: 5 }, required: ["batches"] },
  { type: ["array"], items: 4 },
  { type: ["object"], properties: { _id: 6, name: 6, state: 7, note: 8 }, required: ["name"] },
  { type: ["integer"] },
  { type: ["string"] },
  { type: ["string"], enum: ["open", "closed"] },
  { type: ["string"], nullable: true },
]);

const validList = {
  status: "success",
  data: { batches: [{ _id: "b1", name: "one", state: "open", note: null }, { name: "two" }], total: 2 },
};

describe("checkResponse", () => {
  test("a body that matches the spec has no findings", () => {
    expect(check(listPlan, validList)).toEqual({ findings: [], truncated: false });
  });

  test.each([
    [
      "missing required field",
      (b: Body) => delete b.data.batches[1].name,
      "/data/batches/1/name",
      "missing-required",
      true,
    ],
    ["wrong type", (b: Body) => (b.data.total = "2"), "/data/total", "wrong-type", true],
    ["integer given a fraction", (b: Body) => (b.data.total = 2.5), "/data/total", "wrong-type", true],
    [
      "unexpected null",
      (b: Body) => (b.data.batches[0].name = null),
      "/data/batches/0/name",
      "unexpected-null",
      true,
    ],
    [
      "unknown enum value",
      (b: Body) => (b.data.batches[0].state = "archived"),
      "/data/batches/0/state",
      "unknown-enum-value",
      false,
    ],
    [
      "extra field",
      (b: Body) => (b.data.batches[1].createdBy = "u1"),
      "/data/batches/1/createdBy",
      "extra-field",
      false,
    ],
    ["top-level extra field", (b: Body) => (b.meta = {}), "/meta", "extra-field", false],
    ["top-level missing field", (b: Body) => delete b.status, "/status", "missing-required", true],
  ])("%s: reported at its pointer, breaking as the kind is", (_name, mutate, pointer, problem, breaking) => {
    const body = structuredClone(validList);
    mutate(body);
    const { findings } = check(listPlan, body);
    expect(findings).toEqual([expect.objectContaining({ pointer, problem, breaking })]);
    // The same place in every item: array indexes become `*`.
    expect(findings[0]?.location).toBe(pointer.replace(/\/\d+(?=\/|$)/g, "/*"));
  });

  test("a wrong type names the expected and found JSON types, never the value", () => {
    const body = structuredClone(validList);
    (body.data as Body).total = "secret-looking value";
    const [finding] = check(listPlan, body).findings;
    expect(finding).toMatchObject({ expected: "integer", actual: "string" });
    expect(JSON.stringify(finding)).not.toContain("secret-looking");
  });

  test("an extra field is breaking where the spec closes the object (additionalProperties: false)", () => {
    const plan = planOf([
      { type: ["object"], properties: { id: 1 }, additional: false },
      { type: ["string"] },
    ]);
    expect(check(plan, { id: "x", more: 1 }).findings).toEqual([
      expect.objectContaining({ pointer: "/more", problem: "extra-field", breaking: true }),
    ]);
  });

  test("a free-form object, a map and patternProperties have no extra fields; a map's values are checked", () => {
    const plan = planOf([
      { type: ["object"], properties: { free: 1, map: 2, open: 4, empty: 5 } },
      { type: ["object"] },
      { type: ["object"], additional: 3 },
      { type: ["integer"] },
      { type: ["object"], properties: { a: 3 }, additional: true },
      // `properties: {}` names no property (CallFire's list items): free-form too.
      { type: ["object"], properties: {} },
    ]);
    const { findings } = check(plan, {
      free: { x: 1 },
      map: { a: 1, b: "2" },
      open: { a: 1, z: 1 },
      empty: { any: 1 },
    });
    expect(findings).toEqual([
      expect.objectContaining({ pointer: "/map/b", location: "/map/*", problem: "wrong-type" }),
    ]);
  });

  test("a field an allOf member requires without describing it is known, not extra", () => {
    // turbinelabs' Listener: allOf [ListenerCreate (requires `host`, describes no such property), keys].
    const plan = planOf([
      { allOf: [1, 2] },
      { type: ["object"], properties: { name: 3 }, required: ["name", "host"] },
      { type: ["object"], properties: { key: 3 }, required: ["key"] },
      { type: ["string"] },
    ]);
    expect(check(plan, { name: "web", key: "k", host: "h" }).findings).toEqual([]);
    expect(check(plan, { name: "web", key: "k" }).findings.map((f) => `${f.problem} ${f.pointer}`)).toEqual([
      "missing-required /host",
    ]);
    expect(
      check(plan, { name: "web", key: "k", host: "h", port: 80 }).findings.map((f) => f.pointer),
    ).toEqual(["/port"]);
  });

  test("allOf: each member's rules apply, and a field any member declares is not extra", () => {
    const plan = planOf([
      { allOf: [1, 2] },
      { type: ["object"], properties: { id: 3 }, required: ["id"] },
      { type: ["object"], properties: { name: 3, count: 4 }, required: ["name"] },
      { type: ["string"] },
      { type: ["integer"] },
    ]);
    expect(check(plan, { id: "1", name: "n" }).findings).toEqual([]);
    expect(check(plan, { id: "1", count: "3", extra: true }).findings).toEqual([
      expect.objectContaining({ pointer: "/name", problem: "missing-required", breaking: true }),
      expect.objectContaining({ pointer: "/count", problem: "wrong-type" }),
      expect.objectContaining({ pointer: "/extra", problem: "extra-field", breaking: false }),
    ]);
  });

  test("allOf: a property two members describe may carry what either declares; others are still extra", () => {
    // Deployment = allOf [ { build: BuildLookup }, { build: Build } ] (AppVeyor's shape)
    const plan = planOf([
      { allOf: [1, 2] },
      { type: ["object"], properties: { build: 3 } },
      { type: ["object"], properties: { build: 4, environment: 6 } },
      { type: ["object"], properties: { buildId: 5 } },
      { allOf: [3, 7] },
      { type: ["integer"] },
      { type: ["object"], properties: { name: 8 } },
      { type: ["object"], properties: { commitId: 8 } },
      { type: ["string"] },
    ]);
    expect(
      check(plan, { build: { buildId: 1, commitId: "c" }, environment: { name: "e" } }).findings,
    ).toEqual([]);
    expect(
      check(plan, { build: { buildId: 1, stray: true }, environment: { name: "e", other: 1 } }).findings.map(
        (f) => [f.pointer, f.problem],
      ),
    ).toEqual([
      ["/build/stray", "extra-field"],
      ["/environment/other", "extra-field"],
    ]);
  });

  test("oneOf: judged against the branch the value fits best, or the one its discriminator names", () => {
    const schemas: ShapeNode[] = [
      { type: ["array"], items: 1 },
      { oneOf: [2, 3], discriminator: { property: "kind", mapping: { cat: 0, dog: 1 } } },
      { type: ["object"], properties: { kind: 4, lives: 5 }, required: ["kind", "lives"] },
      { type: ["object"], properties: { kind: 4, bark: 4 }, required: ["kind", "bark"] },
      { type: ["string"] },
      { type: ["integer"] },
    ];
    const plan = planOf(schemas);
    const body = [
      { kind: "cat", lives: 9 },
      { kind: "dog", bark: "woof" },
      { kind: "cat", lives: "nine" },
      { kind: "dog" },
    ];
    expect(check(plan, body).findings).toEqual([
      expect.objectContaining({ pointer: "/2/lives", location: "/*/lives", problem: "wrong-type" }),
      expect.objectContaining({ pointer: "/3/bark", problem: "missing-required" }),
    ]);
    // Without the discriminator, the branch with the fewest breaking findings is the one reported.
    const { discriminator: _, ...withoutTag } = schemas[1] as ShapeNode;
    const untagged = planOf(schemas.map((node, i) => (i === 1 ? withoutTag : node)));
    expect(check(untagged, [{ kind: "x", lives: "nine" }]).findings).toEqual([
      expect.objectContaining({ pointer: "/0/lives", problem: "wrong-type" }),
    ]);
    // A field of another branch is extra only relative to the branch chosen.
    expect(check(untagged, [{ kind: "x", lives: 1, bark: "b" }]).findings).toEqual([
      expect.objectContaining({ pointer: "/0/bark", problem: "extra-field", breaking: false }),
    ]);
  });

  test("a oneOf inside an allOf member judges the whole object's fields: each name is declared somewhere", () => {
    // A base and its variants: `{ allOf: [Base, { oneOf: [Any, Coded] }] }`.
    const plan = planOf([
      { allOf: [1, 2] },
      { properties: { id: 3 } },
      { oneOf: [4, 5] },
      { type: ["integer"] },
      { type: ["object"], properties: { type: 6 } },
      { type: ["object"], properties: { type: 7, code: 3 } },
      { type: ["string"], enum: ["any"] },
      { type: ["string"], enum: ["coded"] },
    ]);
    expect(check(plan, { type: "any" }).findings).toEqual([]);
    expect(check(plan, { id: 1, type: "coded", code: 2 }).findings).toEqual([]);
    // A name no part declares is still extra, once; so is one variant's field beside another's tag,
    // relative to the branch it fits best (the first, on a tie).
    expect(check(plan, { id: 1, type: "any", other: true }).findings).toEqual([
      expect.objectContaining({ pointer: "/other", problem: "extra-field" }),
    ]);
    expect(check(plan, { type: "any", code: 2 }).findings).toEqual([
      expect.objectContaining({ pointer: "/code", problem: "extra-field" }),
    ]);
  });

  test("nullable beside allOf admits null; null where the type does not is unexpected", () => {
    const plan = planOf([
      { type: ["object"], properties: { owner: 1, parent: 2 } },
      { nullable: true, allOf: [3] },
      { allOf: [3] },
      { type: ["object"], properties: { id: 4 } },
      { type: ["string"] },
    ]);
    expect(check(plan, { owner: null, parent: null }).findings).toEqual([
      expect.objectContaining({ pointer: "/parent", problem: "unexpected-null", breaking: true }),
    ]);
  });

  test("statuses and content types: exact, then class (4XX), then default; undeclared ones are drift", () => {
    const plan = planOf(
      [{ type: ["object"], properties: { message: 1 }, required: ["message"] }, { type: ["string"] }],
      {
        "4XX": { content: { "application/json": 0 } },
        "204": { content: {} },
      },
    );
    expect(check(plan, { message: "gone" }, 404).findings).toEqual([]);
    expect(check(plan, { msg: "gone" }, 404).findings.map((f) => f.problem)).toEqual([
      "missing-required",
      "extra-field",
    ]);
    expect(check(plan, undefined, 204, "").findings).toEqual([]);
    expect(check(plan, { message: "x" }, 500).findings).toEqual([
      { problem: "undeclared-status", pointer: "", location: "", breaking: true },
    ]);
    expect(check(plan, "<html>", 200, "text/html").findings).toEqual([
      { problem: "undeclared-content-type", pointer: "", location: "", breaking: true },
    ]);
    // Parameters and case do not matter; a wildcard declaration admits its types.
    expect(check(plan, { message: "x" }, 400, "Application/JSON; charset=utf-8").findings).toEqual([]);
    const wildcard = { responses: { default: { content: { "application/*": 0 } } }, schemas: plan.schemas };
    expect(
      checkResponse(wildcard, { status: 200, contentType: "application/problem+json", body: {} }).findings,
    ).toHaveLength(1);
  });

  test("pointers escape ~ and / (RFC 6901) and shorten an overlong property name", () => {
    const plan = planOf([{ type: ["object"], properties: { a: 1 } }, { type: ["string"] }]);
    const long = "k".repeat(5_000);
    const { findings } = check(plan, { a: "x", "x/y~z": 1, [long]: 1 });
    expect(findings.map((f) => f.pointer)).toEqual([
      "/x~1y~0z",
      `/${"k".repeat(CHECK_LIMITS.maxSegmentLength)}…`,
    ]);
  });

  test("a hostile answer costs bounded work: findings, depth and steps have limits", () => {
    const plan = planOf([{ type: ["object"], properties: { a: 1 } }, { type: ["string"] }]);
    const many = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`f${i}`, i]));
    const result = check(plan, many);
    expect(result.findings).toHaveLength(CHECK_LIMITS.maxFindings);
    expect(result.truncated).toBe(true);

    const recursive = planOf([
      { type: ["object"], properties: { child: 0, name: 1 }, required: ["name"] },
      { type: ["string"] },
    ]);
    let deep: Record<string, unknown> = { name: "leaf" };
    for (let i = 0; i < 10_000; i++) deep = { name: "n", child: deep };
    const deepResult = check(recursive, deep);
    expect(deepResult).toEqual({ findings: [], truncated: true });
  });

  test("property names from the body never reach the prototype chain", () => {
    const plan = planOf([
      { type: ["object"], properties: { toString: 1 }, required: ["constructor"] },
      { type: ["string"] },
    ]);
    const body = JSON.parse('{"__proto__": {"polluted": true}, "toString": "x"}');
    const { findings } = check(plan, body);
    expect(findings.map((f) => [f.pointer, f.problem])).toEqual([
      ["/constructor", "missing-required"],
      ["/__proto__", "extra-field"],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

test("a field the schema requires but does not describe in properties is declared, not extra", () => {
  const plan = {
    responses: { "200": { content: { "application/json": 0 } } },
    schemas: [{ type: ["object"], properties: { a: 1 }, required: ["a", "b"] }, { type: ["string"] }],
  } as ResponsePlan;
  const check = (body: unknown) =>
    checkResponse(plan, { status: 200, contentType: "application/json", body }).findings.map(
      (f) => f.problem,
    );
  expect(check({ a: "x", b: 1 })).toEqual([]);
  expect(check({ a: "x" })).toEqual(["missing-required"]);
  expect(check({ a: "x", b: 1, c: 2 })).toEqual(["extra-field"]);
});
