// How a failure reaches stderr: one line, the server's own words where its body has them.
import { AngoNotFoundError } from "@ango-hub/client";
import { describe, expect, test } from "vitest";
import { describeFailure } from "../src/exit-codes.js";

describe("a failure in the server's own words", () => {
  const info = (body: unknown, serverMessage?: string) => ({
    status: 404,
    headers: new Headers(),
    body,
    method: "GET",
    url: "https://api.example/v2/things/1",
    serverMessage,
  });

  test("the message the client read from the body where the spec puts it; else the client's line", () => {
    const body = { status: "fail", message: "No project" };
    expect(describeFailure(new AngoNotFoundError(info(body, "No project")))).toBe(
      "ango: AngoNotFoundError 404: No project",
    );
    const gone = describeFailure(new AngoNotFoundError(info({ error: "x" }, "Gone\u001b[31m away")));
    expect(gone).toMatch(/^ango: AngoNotFoundError 404: Gone.*away$/);
    // No escape sequence of the server's reaches the terminal.
    expect(gone).not.toContain("\u001b");
    expect(describeFailure(new AngoNotFoundError(info({ code: 7 })))).toBe(
      'ango: AngoNotFoundError 404: 404 from GET https://api.example/v2/things/1: {"code":7}',
    );
  });
});
