// The main job: one updateProjectBatches call with the docs' example request, through the real client.
// Without ANGO_API_KEY and ANGO_SERVER/ANGO_BASE_URL it runs against the mock server on 127.0.0.1;
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

type Print = (line: string) => void;

/**
 * Wraps fetch to print each request and response the way a person reads them, key redacted. The time
 * is shown only for a real server: the mock's first answer includes compiling its validators, which
 * says nothing about the client.
 */
function printingFetch(
  apiKeyHeader: string,
  print: Print,
  timed: boolean,
): NonNullable<AngoClientOptions["fetch"]> {
  return async (input: Request | string, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input.url;
    const headers = new Headers(init?.headers ?? (typeof input === "string" ? undefined : input.headers));
    print(`→ ${init?.method ?? (typeof input === "string" ? "GET" : input.method)} ${url}`);
    for (const [name, value] of headers) {
      print(`  ${name}: ${name === apiKeyHeader ? redactKey(value) : value}`);
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
      fetch: printingFetch(apiKeyScheme.name, print, !mock),
    });
    const result = await ango.updateProjectBatches({ projectId, body: docsExampleRequest });
    // Ango's body envelope, not the HTTP status (printed on the ← line above).
    print(`\nbody status: ${result.status}`);
    print(`batches of project ${projectId} afterwards:`);
    for (const batch of result.data?.project?.batches ?? []) print(`  - ${batch.name} (${batch._id})`);
    if (mock) print(`mock store holds: ${JSON.stringify(mock.mock.batches(projectId))}`);
    return 0;
  } catch (error) {
    print(`\n${error instanceof AngoError ? `${error.name}: ${error.message}` : String(error)}`);
    return 1;
  } finally {
    await mock?.close();
  }
}
