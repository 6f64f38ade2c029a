// The codegen prints document text in its own messages (spec:update, lint) before the client is built, so
// it cannot import the client's displayText; this keeps the two the same rule, character by character.
import { displayText } from "@ango-hub/client/text";
import { describe, expect, test } from "vitest";
import { plainText } from "../src/text.js";

describe("plainText is the client's displayText rule", () => {
  test("every character of the Basic Multilingual Plane is escaped by one exactly when by the other", () => {
    const differing: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCharCode(code);
      // plainText also softens backticks, for the Markdown of changesets and pull requests.
      if (char === "`") continue;
      if (plainText(char) !== displayText(char)) differing.push(code.toString(16));
    }
    expect(differing).toEqual([]);
  });
});
