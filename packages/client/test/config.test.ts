import { afterEach, describe, expect, test, vi } from "vitest";
import {
  AngoConfigError,
  createAngoClient,
  defaultServerPreset,
  type ServerPreset,
  serverPresets,
} from "../src/index.js";
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

  test("each configuration error names the option at fault and the problem, for tools to word their own", () => {
    vi.stubEnv("ANGO_API_KEY", undefined);
    const refusal = (options: Parameters<typeof createAngoClient>[0]) => {
      try {
        createAngoClient(options);
      } catch (error) {
        const { option, problem, expected, received } = error as AngoConfigError;
        return {
          option,
          problem,
          ...(expected === undefined ? {} : { expected }),
          ...(received === undefined ? {} : { received }),
        };
      }
      return undefined;
    };
    expect(refusal({})).toEqual({ option: "apiKey", problem: "missing" });
    expect(refusal({ apiKey: "a b" })).toEqual({ option: "apiKey", problem: "invalid" });
    expect(refusal({ apiKey: TEST_KEY, server: "nowhere" })).toMatchObject({
      option: "server",
      problem: "invalid",
      expected: expect.stringMatching(/^one of /),
      received: '"nowhere"',
    });
    expect(refusal({ apiKey: TEST_KEY, server: "http://ango.example.com/v2" })).toEqual({
      option: "server",
      problem: "insecure",
      received: "ango.example.com",
    });
    expect(refusal({ apiKey: TEST_KEY, logLevel: "loud" as never })).toMatchObject({
      option: "logLevel",
      problem: "invalid",
      received: '"loud"',
    });
    expect(refusal({ apiKey: TEST_KEY, retry: { baseDelayMs: -1 } })).toMatchObject({
      option: "retry.baseDelayMs",
      problem: "invalid",
      expected: expect.any(String),
      received: "-1",
    });
    // Scrubbed of a key that reached the message, it still says which option.
    const scrubbed = refusal({ apiKey: TEST_KEY, server: `https://h/v2?k=${TEST_KEY}` });
    expect(scrubbed).toMatchObject({ option: "server", problem: "invalid" });
    expect(JSON.stringify(scrubbed)).not.toContain(TEST_KEY);
  });

  test("the key falls back to ANGO_API_KEY", () => {
    vi.stubEnv("ANGO_API_KEY", TEST_KEY);
    expect(createAngoClient().toJSON().apiKey).toBe("ak_l…");
  });

  // The presets are the spec's servers (generated): read from serverPresets, never copied here, so a
  // vendor document with more servers changes nothing in this file.
  const presets = Object.entries(serverPresets) as [ServerPreset, string][];
  const [firstPreset, firstUrl] = presets[0] as [ServerPreset, string];
  const [otherPreset, otherUrl] = (presets[1] ?? presets[0]) as [ServerPreset, string];

  test("every preset resolves to its server; the spec's first one is the default", () => {
    vi.stubEnv("ANGO_SERVER", undefined);
    vi.stubEnv("ANGO_BASE_URL", undefined);
    expect(presets.length).toBeGreaterThan(0);
    expect(defaultServerPreset).toBe(firstPreset);
    expect(createAngoClient({ apiKey: TEST_KEY }).baseUrl).toBe(firstUrl);
    for (const [preset, url] of presets)
      expect(createAngoClient({ apiKey: TEST_KEY, server: preset }).baseUrl).toBe(url.replace(/\/$/, ""));
  });

  test("an unknown preset lists the valid ones", () => {
    const valid = presets.map(([preset]) => `"${preset}"`).join(", ");
    expect(() => createAngoClient({ apiKey: TEST_KEY, server: "no-such-region" })).toThrow(
      `server must be one of ${valid} or an http(s) base URL without credentials, query or fragment, such as "https://host/v2", got "no-such-region".`,
    );
  });

  test("ANGO_BASE_URL wins over ANGO_SERVER, and an explicit option wins over both", () => {
    vi.stubEnv("ANGO_SERVER", otherPreset);
    expect(createAngoClient({ apiKey: TEST_KEY }).baseUrl).toBe(otherUrl);
    vi.stubEnv("ANGO_BASE_URL", "https://proxy.example.com/ango/v2/");
    expect(createAngoClient({ apiKey: TEST_KEY }).baseUrl).toBe("https://proxy.example.com/ango/v2");
    expect(createAngoClient({ apiKey: TEST_KEY, server: firstPreset }).baseUrl).toBe(firstUrl);
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
