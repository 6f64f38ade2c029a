import { createAngoRuntime } from "@ango-hub/client";
import { describe, expect, test } from "vitest";
import { emitServers } from "../src/emit-servers.js";
import { readApiModel, SpecError } from "../src/index.js";
import { MAX_SERVER_VARIANTS, serverUrlProblem } from "../src/servers.js";

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

  test("a scheme name the document does not define is refused, even beside one the client can use", () => {
    expect(() => readApiModel(secured({ Token: bearer }, [{ Missing: [] }, { Token: [] }]))).toThrow(
      /security names "Missing", which components.securitySchemes does not define/,
    );
  });

  test("no security at all: no scheme, and the servers module says what the client needs", () => {
    const model = readApiModel(base);
    expect(model.apiKeyScheme).toBeUndefined();
    expect(() => emitServers(model)).toThrow(/an apiKey header or an http bearer token/);
  });
});

describe("a server's variables", () => {
  const regional = (variables: Record<string, unknown>) =>
    readApiModel({
      ...base,
      servers: [
        { url: "https://{region}.api.example.com/{version}", description: "Production", variables },
        { url: "https://sandbox.example.com/v1", description: "Sandbox" },
      ],
    });

  test("give one preset per choice of their enum values: the defaults' under the server's key, each other under its values", () => {
    const model = regional({
      region: { default: "eu", enum: ["eu", "us", "ap-south-1"] },
      version: { default: "v2" },
    });
    expect(model.servers).toEqual([
      { key: "production", url: "https://eu.api.example.com/v2", description: "Production" },
      { key: "us", url: "https://us.api.example.com/v2", description: "Production (region: us)" },
      {
        key: "ap-south-1",
        url: "https://ap-south-1.api.example.com/v2",
        description: "Production (region: ap-south-1)",
      },
      { key: "sandbox", url: "https://sandbox.example.com/v1", description: "Sandbox" },
    ]);
  });

  test("a choice whose URL the client would refuse is left out, with a notice; more than the limit keep the defaults' alone", () => {
    const model = regional({
      region: { default: "eu", enum: ["eu", "user:pass@evil"] },
      version: { default: "v2" },
    });
    expect(model.servers.map((s) => s.key)).toEqual(["production", "sandbox"]);
    expect(model.notices.map((n) => n.message)).toContainEqual(
      expect.stringMatching(/holds credentials.*not a preset/),
    );
    const many = Array.from({ length: MAX_SERVER_VARIANTS }, (_, i) => `r${i}`);
    const over = regional({ region: { default: "eu", enum: many }, version: { default: "v2" } });
    expect(over.servers.map((s) => s.key)).toEqual(["production", "sandbox"]);
    expect(over.notices.map((n) => n.message)).toContain(
      `its variables give ${MAX_SERVER_VARIANTS + 1} URLs, more than ${MAX_SERVER_VARIANTS}; only the defaults' is a preset.`,
    );
  });

  test("a variable without a default is refused by name", () => {
    expect(() => regional({ region: { enum: ["eu"] }, version: { default: "v2" } })).toThrow(
      /server variable "region" needs a default/,
    );
  });
});

describe("a server URL is a preset exactly when the client's `server` option takes it", () => {
  // The codegen judges the document's servers before any client exists; the client judges the URL a
  // caller passes. One rule in two places (the runtime stays free of the codegen): this keeps them equal.
  const urls = [
    "https://api.example.com/v2",
    "https://api.example.com",
    "http://localhost:4010/v2",
    "http://127.0.0.1/v2",
    "http://[::1]:8080",
    "http://api.example.com/v2",
    "https://user:secret@api.example.com/v2",
    "https://api.example.com/v2?key=1",
    "https://api.example.com/v2#top",
    "https://api.example.com/v2?",
    "ftp://api.example.com/v2",
    "/v2",
    "api.example.com/v2",
    "",
  ];
  test.each(urls)("%j", (url) => {
    let clientTakes = true;
    try {
      createAngoRuntime({ apiKey: "k", server: url });
    } catch {
      clientTakes = false;
    }
    expect(serverUrlProblem(url) === undefined).toBe(clientTakes);
  });
});
