// The main job: the docs' example request, sent with the real client to the operation the docs give it
// for. Without ANGO_API_KEY and ANGO_SERVER/ANGO_BASE_URL it runs against the mock server on 127.0.0.1;
// with them, against that server (set ANGO_PROJECT_ID too).
import {
  type AngoClientOptions,
  AngoError,
  apiKeyScheme,
  createAngoClient,
  redactKey,
} from "@ango-hub/client";
import docsExampleRequest from "@ango-hub/spec/examples/docs-example-request.json" with { type: "json" };
import { type MockAngoServer, startMockAngoServer } from "@ango-hub/testing";

const DEMO_KEY = "demo-key-not-a-secret";

/**
 * The operation the docs' example request is for. Looked up by name on the client, so the demo still
 * builds when the vendor's next document renames or drops it; it then says so and exits with 2.
 */
export const DEMO_OPERATION = "updateProjectBatches";

/** A call of the client, by name: the input the docs give and the answer, whatever the spec's types. */
type NamedCall = (input: { projectId: string; body: unknown }) => Promise<unknown>;

type Print = (line: string) => void;

/**
 * Wraps fetch to print each request and response the way a person reads them, key redacted. The time
 * is shown only for a real server: the mock's first answer includes compiling its validators, which
 * says nothing about the client.
 */
function printingFetch(
  keyScheme: { name: string; prefix: string },
  print: Print,
  timed: boolean,
): NonNullable<AngoClientOptions["fetch"]> {
  return async (input: Request | string, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input.url;
    const headers = new Headers(init?.headers ?? (typeof input === "string" ? undefined : input.headers));
    print(`→ ${init?.method ?? (typeof input === "string" ? "GET" : input.method)} ${url}`);
    // Headers iterate with lower-case names; the spec may write the key's header in any case.
    const keyHeader = keyScheme.name.toLowerCase();
    for (const [name, value] of headers) {
      const shown =
        name === keyHeader ? keyScheme.prefix + redactKey(value.slice(keyScheme.prefix.length)) : value;
      print(`  ${name}: ${shown}`);
    }
    if (typeof init?.body === "string") print(`  ${init.body}`);
    const started = performance.now();
    const response = await fetch(input, init);
    const took = timed ? ` (${Math.round(performance.now() - started)} ms)` : "";
    print(`← ${response.status} ${response.statusText}${took}`);
    return response;
  };
}

export async function main(
  env: Record<string, string | undefined> = process.env,
  print: Print = console.log,
): Promise<number> {
  const targetsRealServer = Boolean(env.ANGO_API_KEY && (env.ANGO_SERVER || env.ANGO_BASE_URL));
  let mock: MockAngoServer | undefined;
  try {
    if (!targetsRealServer) {
      mock = await startMockAngoServer({ apiKey: DEMO_KEY });
      print(`Mock Ango server (validates against the spec) at ${mock.url}\n`);
    } else if (!env.ANGO_PROJECT_ID) {
      print("Set ANGO_PROJECT_ID to the project whose batches to update.");
      return 2;
    }
    const projectId = env.ANGO_PROJECT_ID ?? "65f1c0ffee0000000000000a";
    // Both taken from `env` explicitly, so the target is exactly what the caller passed.
    const ango = createAngoClient({
      apiKey: mock ? DEMO_KEY : env.ANGO_API_KEY,
      server: mock ? mock.url : env.ANGO_BASE_URL || env.ANGO_SERVER,
      fetch: printingFetch(apiKeyScheme, print, !mock),
    });
    const call = (ango as unknown as Record<string, NamedCall | undefined>)[DEMO_OPERATION];
    if (typeof call !== "function") {
      print(`The spec has no ${DEMO_OPERATION}, the operation the docs' example request is for.`);
      return 2;
    }
    const result = await call({ projectId, body: docsExampleRequest });
    // The answer's body; its HTTP status is on the ← line above.
    print(`\nanswer:\n${JSON.stringify(result, null, 2)}`);
    if (mock) {
      const seen = mock.mock.calls.map(
        (c) => `${c.operationId} ${c.valid ? "valid" : "invalid"} ${c.status}`,
      );
      print(`the mock saw: ${seen.join(", ")}`);
    }
    return 0;
  } catch (error) {
    print(`\n${error instanceof AngoError ? `${error.name}: ${error.message}` : String(error)}`);
    return 1;
  } finally {
    await mock?.close();
  }
}
