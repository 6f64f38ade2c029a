import { describe, expect, test } from "vitest";
import { emitServers } from "../src/emit-servers.js";
import { readApiModel, SpecError } from "../src/index.js";

const base = {
  openapi: "3.0.3",
  info: { title: "t", version: "1" },
  servers: [{ url: "https://api.example.com/v1" }],
  paths: {},
};

/** A document whose global security is `security`, over `schemes`. */
function secured(schemes: Record<string, unknown>, security: Record<string, string[]>[]) {
  return { ...base, components: { securitySchemes: schemes }, security };
}

const header = { type: "apiKey", in: "header", name: "X-Api-Key" };
const bearer = { type: "http", scheme: "Bearer", bearerFormat: "opaque" };
const inQuery = { type: "apiKey", in: "query", name: "api_key" };

describe("where the client sends its key", () => {
  test("an apiKey header: its name, nothing before the key", () => {
    const model = readApiModel(secured({ Key: header }, [{ Key: [] }]));
    expect(model.apiKeyScheme).toEqual({ schemeName: "Key", in: "header", name: "X-Api-Key", prefix: "" });
    expect(emitServers(model)).toMatch(/name: "X-Api-Key",\s*prefix: "",/);
  });

  test("an http bearer scheme (its name in any case): Authorization, the key after `Bearer `", () => {
    const model = readApiModel(secured({ Token: bearer }, [{ Token: [] }]));
    expect(model.apiKeyScheme).toEqual({
      schemeName: "Token",
      in: "header",
      name: "Authorization",
      prefix: "Bearer ",
    });
    expect(emitServers(model)).toMatch(/name: "Authorization",\s*prefix: "Bearer ",/);
  });

  test("of alternatives, the first the client can send; one it cannot is skipped", () => {
    const model = readApiModel(secured({ Q: inQuery, Token: bearer }, [{ Q: [] }, { Token: [] }]));
    expect(model.apiKeyScheme?.schemeName).toBe("Token");
  });

  test("only schemes the client cannot send: refused, each named with why", () => {
    const basic = { type: "http", scheme: "basic" };
    const cookie = { type: "apiKey", in: "cookie", name: "sid" };
    const oauth = { type: "oauth2", flows: {} };
    const doc = secured({ Q: inQuery, B: basic, C: cookie, O: oauth }, [
      { Q: [] },
      { B: [], C: [] },
      { O: [] },
    ]);
    let message = "";
    try {
      readApiModel(doc);
    } catch (error) {
      expect(error).toBeInstanceOf(SpecError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/"Q" puts the key in the query string, where server and proxy logs keep it/);
    expect(message).toMatch(/"B" is http "basic"/);
    expect(message).toMatch(/"C" puts the key in a cookie/);
    expect(message).toMatch(/"O" is of type "oauth2", not an API key/);
  });

  test("no security at all: no scheme, and the servers module says what the client needs", () => {
    const model = readApiModel(base);
    expect(model.apiKeyScheme).toBeUndefined();
    expect(() => emitServers(model)).toThrow(/an apiKey header or an http bearer token/);
  });
});
