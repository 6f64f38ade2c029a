// A second judge for the corpus: Stoplight Prism, which nobody here wrote, serves each merged document
// and receives the same calls as the mock. The table (printed, and written to .generated/judges.md) shows
// per document how many operations each judge accepted; a call one judge accepts and the other refuses is
// named, so a disagreement is something to read, not to guess.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { MockAngo } from "@ango-hub/testing";
import { afterAll, expect, test } from "vitest";
import { freePort } from "../../../test-support/free-port.js";
import { corpusDocuments, generateClient, type Json, mergeIntoAngo, outDir } from "./support/corpus.js";
import { type Descriptor, inputFor } from "./support/inputs.js";

const require = createRequire(import.meta.url);
const prismBin = join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist", "index.js");
const KEY = "judges-key-0123456789";
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children) child.kill("SIGTERM");
});

/** Prism in mock mode on loopback for one document file, or why it would not start. */
async function startPrism(file: string): Promise<{ url: string; stop: () => void } | { error: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [prismBin, "mock", file, "-h", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let output = "";
  const started = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Prism is listening")) {
        clearTimeout(timer);
        resolve(true);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  const stop = () => {
    child.kill("SIGTERM");
    children.delete(child);
  };
  if (!started) {
    stop();
    return { error: output.split("\n").filter(Boolean).at(-1)?.slice(0, 160) ?? "no output" };
  }
  return { url: `http://127.0.0.1:${port}`, stop };
}

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
    const client = (await import(pathToFileURL(join(generated.dir, "runtime/index.ts")).href)) as Json;
    const file = join(generated.dir, "openapi.json");
    await writeFile(file, JSON.stringify(document));
    const mock = new MockAngo({ document });
    const prism = await startPrism(file);
    const descriptors = Object.values(client.operationDescriptors as Record<string, Descriptor>);
    const row: Row = { document: name, operations: descriptors.length, mock: 0, prism: 0, disagreements: [] };
    const runtimeFor = (fetchImpl: (url: string, init: RequestInit) => Promise<Response>) =>
      client.createAngoRuntime({
        apiKey: KEY,
        server: "http://127.0.0.1/v2",
        maxRetries: 0,
        logLevel: "off",
        fetch: fetchImpl,
      });
    for (const [index, descriptor] of descriptors.entries()) {
      const input = await inputFor(document, descriptor, index + 1);
      const call = client[descriptor.operationId] as (runner: unknown, input: unknown) => Promise<unknown>;
      // The mock judges in-process; Prism over loopback. A call is accepted when the judge did not answer
      // with a validation or auth failure (400, 401, 415, 422).
      let mockStatus = 0;
      await call(
        runtimeFor(async (url, init) => {
          const response = await mock.handle(new Request(url, init));
          mockStatus = response.status;
          return response;
        }),
        input,
      ).catch(() => undefined);
      const mockAccepted = ![0, 400, 401, 415, 422].includes(mockStatus) && mock.calls.at(-1)?.valid === true;
      if (mockAccepted) row.mock++;
      if ("error" in prism) continue;
      let prismStatus = 0;
      await call(
        runtimeFor(async (url, init) => {
          const target = new URL(url);
          const response = await fetch(
            `${prism.url}${target.pathname.replace(/^\/v2/, "")}${target.search}`,
            init,
          );
          prismStatus = response.status;
          return response;
        }),
        input,
      ).catch(() => undefined);
      const prismAccepted = ![0, 400, 401, 415, 422].includes(prismStatus);
      if (prismAccepted) row.prism = (row.prism as number) + 1;
      if (prismAccepted !== mockAccepted)
        row.disagreements.push(`${descriptor.operationId} (mock ${mockStatus}, Prism ${prismStatus})`);
    }
    if ("error" in prism) row.prism = `did not start: ${prism.error}`;
    else prism.stop();
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
