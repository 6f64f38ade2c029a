import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { DEFAULT_MAX_BODY_BYTES, MockAngo, type MockAngoOptions } from "./mock.js";

export interface MockAngoServer {
  /** Base URL to give the client as `server`, e.g. `http://127.0.0.1:54321/v2`. */
  url: string;
  /** The fake behind the server: stored batches and recorded calls. */
  mock: MockAngo;
  close(): Promise<void>;
}

/** The request as a fetch Request, or undefined when its body passed `limit` bytes (reading stops there). */
async function toFetchRequest(
  req: IncomingMessage,
  origin: string,
  limit: number,
): Promise<Request | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
  return new Request(`${origin}${req.url ?? "/"}`, { method: req.method ?? "GET", headers, body });
}

/** Options of the HTTP server, besides the mock's own. */
export interface MockAngoServerOptions extends MockAngoOptions {
  /**
   * Answer CORS: preflights (`OPTIONS`) get 204 with the allowed methods and headers, and every answer
   * carries `Access-Control-Allow-Origin`, so a page on another loopback port can call the mock.
   * `true` allows any origin; a string allows that one. Default: off.
   */
  cors?: boolean | string;
}

/**
 * Starts the mock on 127.0.0.1 with a port the OS picks. Close it when done.
 *
 * ```ts
 * const server = await startMockAngoServer();
 * const ango = createAngoClient({ apiKey: "test-key", server: server.url });
 * ```
 */
export async function startMockAngoServer(options: MockAngoServerOptions = {}): Promise<MockAngoServer> {
  const { cors, ...mockOptions } = options;
  const mock = new MockAngo(mockOptions);
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let origin = "";
  const server = createServer(async (req, res) => {
    if (cors) {
      res.setHeader("access-control-allow-origin", cors === true ? "*" : cors);
      res.setHeader("access-control-expose-headers", "*");
      if (req.method === "OPTIONS" && req.headers["access-control-request-method"]) {
        res.writeHead(204, {
          "access-control-allow-methods": "GET, PUT, POST, DELETE, PATCH, HEAD, OPTIONS",
          "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
          "access-control-max-age": "600",
        });
        res.end();
        return;
      }
    }
    try {
      const request = await toFetchRequest(req, origin, limit);
      if (!request) {
        res.writeHead(413, { "content-type": "application/json", connection: "close" });
        res.end(
          JSON.stringify({
            status: "error",
            message: `Request body too large: the mock accepts at most ${limit} bytes.`,
          }),
        );
        return;
      }
      const response = await mock.handle(request);
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
    url: `${origin}${mock.basePath}`,
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
