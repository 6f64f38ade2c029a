import { createAngoRuntime } from "@ango-hub/client";
import { CLIENT_MEMBER_NAMES } from "@ango-hub/codegen";
import { expect, test } from "vitest";

// The names an operation method may not take are the client object's own members, read from the real
// runtime here, so the codegen's list can neither miss one nor keep a stale one.
test("the codegen reserves exactly the client object's members, the promise protocol and Object.prototype's", () => {
  const runtime = createAngoRuntime({ apiKey: "reserved-names-key-0123" });
  const members = new Set([
    ...Object.keys(runtime),
    ...Object.getOwnPropertyNames(Object.getPrototypeOf(runtime)),
    ...Object.getOwnPropertyNames(Object.prototype),
    "then",
    "catch",
    "finally",
  ]);
  expect([...members].filter((name) => !CLIENT_MEMBER_NAMES.includes(name))).toEqual([]);
  expect(CLIENT_MEMBER_NAMES.filter((name) => !members.has(name))).toEqual([]);
});
