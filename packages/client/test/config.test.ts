import { afterEach, describe, expect, test, vi } from "vitest";
import { AngoConfigError, createAngoClient, serverPresets } from "../src/index.js";
import { TEST_KEY } from "./support/fixtures.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("configuration", () => {
  test("a missing or empty key is a clear error at construction", () => {
    vi.stubEnv("ANGO_API_KEY", undefined);
    expect(() => createAngoClient()).toThrow(AngoConfigError);
    expect(() => createAngoClient()).toThrow(/Missing API key: pass apiKey or set the ANGO_API_KEY/);
    expect(() => createAngoClient({ apiKey: "" })).toThrow(/Missing API key/);
    expect(() => createAngoClient({ apiKey: "   " })).toThrow(/Missing API key/);
    expect(() => createAngoClient({ apiKey: "abc\ndef" })).toThrow(
      /whitespace, control or non-Latin-1 characters/,
    );
  });

  test("the key falls back to ANGO_API_KEY", () => {
    vi.stubEnv("ANGO_API_KEY", TEST_KEY);
    expect(createAngoClient().toJSON().apiKey).toBe("ak_l…");
  });

  test("presets resolve to the spec's servers; the first one is the default", () => {
    vi.stubEnv("ANGO_SERVER", undefined);
    vi.stubEnv("ANGO_BASE_URL", undefined);
    expect(createAngoClient({ apiKey: TEST_KEY }).baseUrl).toBe("https://imeritapi.ango.ai/v2");
    expect(createAngoClient({ apiKey: TEST_KEY, server: "eu" }).baseUrl).toBe("https://imeritapi.ango.ai/v2");
    expect(createAngoClient({ apiKey: TEST_KEY, server: "us" }).baseUrl).toBe("https://us-api.ango.ai/v2");
    expect(createAngoClient({ apiKey: TEST_KEY, server: "in" }).baseUrl).toBe("https://in-api.ango.ai/v2");
    expect(createAngoClient({ apiKey: TEST_KEY, server: "test" }).baseUrl).toBe("https://testapi.ango.ai/v2");
    expect(Object.keys(serverPresets)).toEqual(["eu", "us", "in", "test"]);
  });

  test("an unknown preset lists the valid ones", () => {
    expect(() => createAngoClient({ apiKey: TEST_KEY, server: "usa" })).toThrow(
      'server must be one of "eu", "us", "in", "test" or an http(s) base URL without credentials, query or fragment, such as "https://host/v2", got "usa".',
    );
  });

  test("ANGO_BASE_URL wins over ANGO_SERVER, and an explicit option wins over both", () => {
    vi.stubEnv("ANGO_SERVER", "us");
    expect(createAngoClient({ apiKey: TEST_KEY }).baseUrl).toBe("https://us-api.ango.ai/v2");
    vi.stubEnv("ANGO_BASE_URL", "https://proxy.example.com/ango/v2/");
    expect(createAngoClient({ apiKey: TEST_KEY }).baseUrl).toBe("https://proxy.example.com/ango/v2");
    expect(createAngoClient({ apiKey: TEST_KEY, server: "in" }).baseUrl).toBe("https://in-api.ango.ai/v2");
  });

  test("http:// is refused unless loopback or explicitly allowed", () => {
    expect(() => createAngoClient({ apiKey: TEST_KEY, server: "http://ango.example.com/v2" })).toThrow(
      /Refusing http:\/\/ango.example.com: the API key would be sent unencrypted/,
    );
    expect(
      createAngoClient({ apiKey: TEST_KEY, server: "http://ango.example.com/v2", allowInsecureHttp: true })
        .baseUrl,
    ).toBe("http://ango.example.com/v2");
    expect(createAngoClient({ apiKey: TEST_KEY, server: "http://127.0.0.1:8080/v2" }).baseUrl).toBe(
      "http://127.0.0.1:8080/v2",
    );
    expect(createAngoClient({ apiKey: TEST_KEY, server: "http://localhost:8080" }).baseUrl).toBe(
      "http://localhost:8080",
    );
  });

  test("malformed server URLs and bad numbers are refused with the reason", () => {
    expect(() => createAngoClient({ apiKey: TEST_KEY, server: "https://user:pw@host/v2" })).toThrow(
      /without credentials/,
    );
    expect(() => createAngoClient({ apiKey: TEST_KEY, server: "ftp://host/v2" })).toThrow(
      /an http\(s\) base URL/,
    );
    expect(() => createAngoClient({ apiKey: TEST_KEY, server: "https://host/v2?x=1" })).toThrow(
      /query or fragment/,
    );
    expect(() => createAngoClient({ apiKey: TEST_KEY, maxRetries: -1 })).toThrow(
      /maxRetries must be a whole number/,
    );
    expect(() => createAngoClient({ apiKey: TEST_KEY, timeoutMs: 0 })).toThrow(
      /timeoutMs must be a number of milliseconds from 1 to 2147483647/,
    );
  });
});
