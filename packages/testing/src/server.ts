import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { basePath, MockAngo, type MockAngoOptions } from "./mock.js";

export interface MockAngoServer {
  /** Base URL to give the client as `server`, e.g. `http://127.0.0.1:54321/v2`. */
  url: string;
  /** The fake behind the server: stored batches and recorded calls. */
  mock: MockAngo;
  close(): Promise<void>;
}

async function toFetchRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
  return new Request(`${origin}${req.url ?? "/"}`, { method: req.method ?? "GET", headers, body });
}

/**
 * Starts the mock on 127.0.0.1 with a port the OS picks. Close it when done.
 *
 * ```ts
 * const server = await startMockAngoServer();
 * const ango = createAngoClient({ apiKey: "test-key", server: server.url });
 * ```
 */
export async function startMockAngoServer(options: MockAngoOptions = {}): Promise<MockAngoServer> {
  const mock = new MockAngo(options);
  let origin = "";
  const server = createServer(async (req, res) => {
    try {
      const response = await mock.handle(await toFetchRequest(req, origin));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(`mock server failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closing: Promise<void> | undefined;
  return {
    url: `${origin}${basePath}`,
    mock,
    // Idempotent, so a test may close early and its teardown close again.
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
      return closing;
    },
  };
}
