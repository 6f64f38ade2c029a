import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** A file of the spec package (the vendor's document and the docs' examples), by name. */
const specFile = (name: string) => createRequire(import.meta.url).resolve(`@ango-hub/spec/${name}`);

// The docs example response is a real fixture: the client must accept it as it is.
export const docsExampleResponse = JSON.parse(
  readFileSync(specFile("examples/docs-example-response.json"), "utf8"),
);
export const docsExampleRequest = JSON.parse(
  readFileSync(specFile("examples/docs-example-request.json"), "utf8"),
);

export const TEST_KEY = "ak_live_0123456789abcdef_SECRET";

/** A logger that keeps every line (level, message and details) in `lines`. */
export function recordingLogger(lines: string[]) {
  const record = (level: string) => (message: string, details?: Record<string, unknown>) => {
    lines.push(`${level} ${message}${details ? ` ${JSON.stringify(details)}` : ""}`);
  };
  return { error: record("error"), warn: record("warn"), info: record("info"), debug: record("debug") };
}
