// A second judge for the corpus: Stoplight Prism, which nobody here wrote, serves each merged document
// and receives the same calls as the mock. The table (printed, and written to .generated/judges.md) shows
// per document how many operations each judge accepted; a call one judge accepts and the other refuses is
// named, so a disagreement is something to read, not to guess. A report, run on demand (`pnpm judges`):
// it asserts only that Prism served every document; test/corpus.test.ts judges the same calls by the mock,
// with assertions, in the suite.
import { type ChildProcess, fork } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { displayText } from "@ango-hub/client/text";
import { freePort } from "@ango-hub/test-support/free-port";
import { MockAngo } from "@ango-hub/testing";
import { afterAll, expect, test } from "vitest";
import {
  corpusDocuments,
  generateClient,
  loadClient,
  mergeIntoAngo,
  outDir,
} from "../test/support/corpus.js";
import { type Descriptor, inputFor } from "../test/support/inputs.js";

const KEY = "judges-key-0123456789";
const hostScript = fileURLToPath(new URL("./prism-host.cjs", import.meta.url));

/**
 * `prism mock`'s own server, in a helper process that loads Prism once and serves one document at a time
 * (prism-host.cjs). An error Prism leaves unhandled ends that process, as it ends `prism mock`:
 * the calls to it then fail, and the next document gets a new process.
 */
class PrismHost {
  #child: ChildProcess | undefined;

  /** Whether the process serving the last document still answers (an error Prism left unhandled ends it). */
  async alive(): Promise<boolean> {
    return this.#child !== undefined && "ok" in (await this.#send({ ping: true }));
  }

  /** Serves `file` on loopback; the URL, or why Prism would not start. */
  async serve(file: string): Promise<{ url: string } | { error: string }> {
    const port = await freePort();
    const reply = await this.#send({ serve: { file, port } });
    return "error" in reply ? reply : { url: `http://127.0.0.1:${port}` };
  }

  async stop(): Promise<void> {
    if (this.#child) await this.#send({ stop: true });
  }

  close(): void {
    this.#child?.kill("SIGTERM");
    this.#child = undefined;
  }

  #send(message: object): Promise<{ ok: true } | { error: string }> {
    // A process that ended, or failed to take a message, is dropped: the next message gets a new one.
    if (!this.#child) {
      const started = fork(hostScript, { stdio: ["ignore", "ignore", "pipe", "ipc"] });
      started.on("error", () => {});
      started.once("exit", () => this.#drop(started));
      this.#child = started;
    }
    const child = this.#child;
    return new Promise((resolve) => {
      const ended = () => {
        this.#drop(child);
        resolve({ error: "Prism's process ended" });
      };
      child.once("exit", ended);
      child.once("message", (reply) => {
        child.off("exit", ended);
        resolve(reply as { ok: true } | { error: string });
      });
      child.send(message, (error) => {
        if (error) ended();
      });
    });
  }

  #drop(child: ChildProcess): void {
    if (this.#child !== child) return;
    this.#child = undefined;
    child.kill("SIGTERM");
  }
}

const prismHost = new PrismHost();
afterAll(() => prismHost.close());

/** The statuses that mean a judge refused a call: no answer, or a validation or auth failure. */
const REFUSED = [0, 400, 401, 415, 422];

interface Row {
  document: string;
  operations: number;
  mock: number;
  prism: number | string;
  disagreements: string[];
}

test("the mock and Prism judge the same calls on every corpus document", async () => {
  const rows: Row[] = [];
  for (const { name, document: source } of await corpusDocuments()) {
    const document = mergeIntoAngo(source);
    const generated = await generateClient(`judges-${name}`, document);
    const client = await loadClient(generated.dir);
    const file = join(generated.dir, "openapi.json");
    await writeFile(file, JSON.stringify(document));
    const mock = new MockAngo({ document });
    const prism = await prismHost.serve(file);
    const descriptors = Object.values(client.operationDescriptors as Record<string, Descriptor>);
    const row: Row = { document: name, operations: descriptors.length, mock: 0, prism: 0, disagreements: [] };
    type Send = (url: string, init: RequestInit) => Promise<Response>;
    /** The status a judge answered one call with; 0 when it gave none (no answer, or no final status). */
    const judge = async (operationId: string, input: unknown, send: Send): Promise<number> => {
      const call = client[operationId] as (runner: unknown, input: unknown) => Promise<unknown>;
      let status = 0;
      const runtime = client.createAngoRuntime({
        apiKey: KEY,
        server: "http://127.0.0.1/v2",
        maxRetries: 0,
        logLevel: "off",
        fetch: async (url: string, init: RequestInit) => {
          const response = await send(url, init);
          status = response.status;
          return response;
        },
      });
      await call(runtime, input).catch(() => undefined);
      return status;
    };
    // The mock judges in-process, its calls one after another (it keeps state); Prism over loopback, all
    // at once (it keeps none): the waits overlap (a 1xx answer leaves fetch waiting about 6 s for a final
    // status that never comes). A call is accepted when the judge did not refuse it (REFUSED).
    const toMock: Send = (url, init) => mock.handle(new Request(url, init));
    const toPrism =
      (base: string): Send =>
      (url, init) => {
        const { pathname, search } = new URL(url);
        return fetch(`${base}${pathname.replace(/^\/v2/, "")}${search}`, init);
      };
    const calls: { operationId: string; input: unknown; mockStatus: number; mockAccepted: boolean }[] = [];
    for (const [index, descriptor] of descriptors.entries()) {
      const { operationId } = descriptor;
      const input = await inputFor(document, descriptor, index + 1);
      const mockStatus = await judge(operationId, input, toMock);
      const mockAccepted = !REFUSED.includes(mockStatus) && mock.calls.at(-1)?.valid === true;
      if (mockAccepted) row.mock++;
      calls.push({ operationId, input, mockStatus, mockAccepted });
    }
    if ("error" in prism) row.prism = `did not start: ${displayText(prism.error, 160)}`;
    else {
      let prismStatuses = await Promise.all(
        calls.map(({ operationId, input }) => judge(operationId, input, toPrism(prism.url))),
      );
      // An error Prism leaves unhandled ends its process mid-way, and which of the calls in flight it takes
      // along is chance: that document is judged again on a new process, one call at a time, as before.
      if (!(await prismHost.alive())) {
        const again = await prismHost.serve(file);
        if ("error" in again) throw new Error(`Prism would not start again: ${again.error}`);
        prismStatuses = [];
        for (const { operationId, input } of calls)
          prismStatuses.push(await judge(operationId, input, toPrism(again.url)));
      }
      for (const [index, { operationId, mockStatus, mockAccepted }] of calls.entries()) {
        const prismStatus = prismStatuses[index] ?? 0;
        const prismAccepted = !REFUSED.includes(prismStatus);
        if (prismAccepted) row.prism = (row.prism as number) + 1;
        if (prismAccepted !== mockAccepted)
          row.disagreements.push(`${operationId} (mock ${mockStatus}, Prism ${prismStatus})`);
      }
      await prismHost.stop();
    }
    rows.push(row);
  }
  const table = [
    "| document | operations | accepted by the mock | accepted by Prism | disagreements |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map(
      (r) =>
        `| ${r.document} | ${r.operations} | ${r.mock} | ${r.prism} | ${r.disagreements.join("; ") || "—"} |`,
    ),
  ].join("\n");
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, "judges.md"), `${table}\n`);
  console.log(table);
  expect(rows.length).toBeGreaterThanOrEqual(40);
  // Every document is judged by both: a Prism that would not start is in the table, and is a failure.
  expect(rows.filter((r) => typeof r.prism === "string").map((r) => `${r.document}: ${r.prism}`)).toEqual([]);
}, 900_000);
