// The client as a browser runs it: the published browser bundle in Debian's headless Chromium, on a page
// served from one loopback port, calling the mock server on another (CORS answered by the mock).
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { createAngoClient } from "@ango-hub/client";
import { operationDescriptors } from "@ango-hub/client/contract";
import { type ExampleCall, exampleCall } from "@ango-hub/corpus-tests/example-call";
import { specDocument } from "@ango-hub/spec/document";
import { missingMembers, skippedFor } from "@ango-hub/test-support/readme-example";
import { type MockAngoServer, startMockAngoServer } from "@ango-hub/testing";
import { build } from "esbuild";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const KEY = "browser-key-0123456789";
const artifacts = fileURLToPath(new URL("../artifacts/", import.meta.url));

// The page's call: one the spec allows, picked from the generated list.
const picked = await exampleCall(specDocument());
const example: ExampleCall | undefined = "call" in picked ? picked.call : undefined;
const noCall = "skipped" in picked ? ` — skipped: ${picked.skipped}` : "";

let mock: MockAngoServer;
let page: Server;
let pageOrigin = "";
let browser: Browser;

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install Debian's chromium package (scripts/run.sh does on a fresh machine) or set CHROMIUM_PATH.`,
    );
  }
  mock = await startMockAngoServer({ apiKey: KEY, cors: true });
  // The client exactly as a browser app would bundle it from the published package.
  const bundle = await build({
    entryPoints: [fileURLToPath(import.meta.resolve("@ango-hub/client"))],
    bundle: true,
    format: "iife",
    globalName: "Ango",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const script = bundle.outputFiles[0]?.text ?? "";
  const html = `<!doctype html><meta charset="utf-8"><title>Ango client in a browser</title>
<h1>@ango-hub/client in Chromium</h1><pre id="result" style="white-space: pre-wrap">running…</pre>
<script src="/client.js"></script>
<script>
(async () => {
  const out = {};
  try {
    Ango.createAngoClient({ apiKey: ${JSON.stringify(KEY)}, server: ${JSON.stringify(mock.url)} });
    out.withoutFlag = "started";
  } catch (error) {
    out.withoutFlag = error.name + ": " + error.message;
  }
  const ango = Ango.createAngoClient({ apiKey: ${JSON.stringify(KEY)}, server: ${JSON.stringify(mock.url)}, dangerouslyAllowBrowser: true, logLevel: "off" });
  const call = ango[${JSON.stringify(example?.operation)}];
  if (call) {
    const { status } = await call(${JSON.stringify(example?.input ?? {})}).withResponse();
    out.success = status >= 200 && status < 300;
  }
  return out;
})().then(
  (out) => { window.result = out; document.getElementById("result").textContent = JSON.stringify(out, null, 2); },
  (error) => { window.result = { error: String(error) }; document.getElementById("result").textContent = String(error); },
);
</script>`;
  page = createServer((req, res) => {
    const body = req.url === "/client.js" ? script : html;
    res.writeHead(200, { "content-type": req.url === "/client.js" ? "text/javascript" : "text/html" });
    res.end(body);
  });
  pageOrigin = await listen(page);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // No network but loopback here: keep Chromium from reaching for Google's services.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => page?.close(resolve));
  await mock?.close();
});

test.skipIf(!example)(
  `the page refuses to start the client without dangerouslyAllowBrowser, then calls the mock with it${noCall}`,
  async () => {
    const tab = await browser.newPage();
    await tab.goto(`${pageOrigin}/`);
    await tab.waitForFunction(
      () => (window as unknown as { result?: unknown }).result !== undefined,
      undefined,
      { timeout: 30_000 },
    );
    const result = await tab.evaluate(() => (window as unknown as { result: unknown }).result);
    await mkdir(artifacts, { recursive: true });
    await tab.screenshot({ path: `${artifacts}browser-page.png` });
    expect(result).toEqual({
      withoutFlag: expect.stringMatching(
        /^AngoConfigError: Refusing to run in a browser: anyone who opens the page could read the API key/,
      ),
      success: true,
    });
    expect(mock.mock.calls).toEqual([
      expect.objectContaining({ method: example?.method, operationId: example?.operation, valid: true }),
    ]);
  },
  60_000,
);

const clientReadme = readFileSync(
  fileURLToPath(new URL("README.md", import.meta.resolve("@ango-hub/client/package.json"))),
  "utf8",
);
const browserBlock = [...clientReadme.matchAll(/```ts\n([\s\S]*?)```/g)]
  .map((match) => match[1] ?? "")
  .find((block) => block.includes("dangerouslyAllowBrowser: true"));
// The example names the seed's operation: run where the spec still has it.
const notInSpec = missingMembers(browserBlock ?? "", createAngoClient({ apiKey: "k" }), operationDescriptors);

test.skipIf(notInSpec.length > 0)(
  `the client README's browser example runs in the page as written, against the mock's CORS${skippedFor(notInSpec, "packages/client/README.md")}`,
  async () => {
    expect(browserBlock).toBeDefined();
    // Bundled as a page's bundler would, from the published package's browser build.
    const bundle = await build({
      stdin: {
        contents: browserBlock ?? "",
        loader: "ts",
        resolveDir: fileURLToPath(new URL(".", import.meta.url)),
      },
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      write: false,
      logLevel: "silent",
    });
    const pageConfig = { apiKey: KEY, server: mock.url, projectId: "readme-page" };
    const readmePage = createServer((req, res) => {
      const script = req.url === "/readme.js";
      res.writeHead(200, { "content-type": script ? "text/javascript" : "text/html" });
      res.end(
        script
          ? bundle.outputFiles[0]?.text
          : `<!doctype html><meta charset="utf-8"><title>README example</title>
<script>window.pageConfig = ${JSON.stringify(pageConfig)};</script>
<script type="module" src="/readme.js"></script>`,
      );
    });
    const origin = await listen(readmePage);
    try {
      const tab = await browser.newPage();
      await tab.goto(`${origin}/`);
      await tab.waitForFunction(() => document.body?.dataset.result !== undefined, undefined, {
        timeout: 30_000,
      });
      const result = await tab.evaluate(() => document.body.dataset.result);
      expect(JSON.parse(result ?? "")).toEqual({ status: 200, batches: ["From the browser"] });
      expect(mock.mock.batches("readme-page").map((batch) => batch.name)).toEqual(["From the browser"]);
    } finally {
      await new Promise((resolve) => readmePage.close(resolve));
    }
  },
  60_000,
);
