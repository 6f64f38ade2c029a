import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { MockAngo, type MockAngoOptions } from "./mock.js";

export interface MockAngoServer {
  /** Base URL to give the client as `server`, e.g. `http://127.0.0.1:54321/v2`. */
  url: string;
  /** The fake behind the server: stored batches and recorded calls. */
  mock: MockAngo;
  close(): Promise<void>;
}

/**
 * The request as a fetch Request whose body is still unread: the mock checks the key first, and reads
 * no further than its body limit.
 */
function toFetchRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(`${origin}${req.url ?? "/"}`, {
    method,
    headers,
    ...(hasBody ? { body: bodyStream(req), duplex: "half" } : {}),
  } as RequestInit);
}

/**
 * The body as a stream read only as the mock pulls it. (Readable.toWeb would keep pushing after the mock
 * stops reading, and Node 20 then throws from its adapter.) What is never pulled stays unread: the
 * answer closes the connection.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  const chunks = req[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    },
  });
}

/** How long a client may take to send a whole request before the mock answers 408 and closes it. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Options of the HTTP server, besides the mock's own. */
export interface MockAngoServerOptions extends MockAngoOptions {
  /**
   * Answer CORS: preflights (`OPTIONS`) get 204 with the allowed methods and headers, and every answer
   * carries `Access-Control-Allow-Origin`, so a page on another loopback port can call the mock.
   * `true` allows any origin; a string allows that one. Default: off.
   */
  cors?: boolean | string;
  /** A request (headers and body) that takes longer is answered 408 and closed. Default 30,000 ms. */
  requestTimeoutMs?: number;
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
  const { cors, requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS, ...mockOptions } = options;
  const mock = new MockAngo(mockOptions);
  let origin = "";
  // Node answers 408 to a request not received in time; it looks for them every connectionsCheckingInterval.
  const timing = {
    requestTimeout: requestTimeoutMs,
    headersTimeout: requestTimeoutMs,
    connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(requestTimeoutMs / 4))),
  };
  const server = createServer(timing, async (req, res) => {
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
    // Only origin-form targets (`/path?query`) name an operation. `OPTIONS *` asks what the server allows
    // (RFC 9110 9.3.7); absolute or authority forms are a proxy's business, not an API's.
    if (!req.url?.startsWith("/")) {
      if (req.method === "OPTIONS" && req.url === "*") {
        res.writeHead(204, { allow: "GET, PUT, POST, DELETE, PATCH, HEAD, OPTIONS" });
        res.end();
      } else {
        res.writeHead(400, { "content-type": "application/json", connection: "close" });
        res.end(
          JSON.stringify({ status: "fail", message: "The request target must be a path, such as /v2/..." }),
        );
      }
      return;
    }
    try {
      const response = await mock.handle(toFetchRequest(req, origin));
      const headers = Object.fromEntries(response.headers);
      // The body was not read to its end (refused before, or too large): the connection cannot be reused.
      if (!req.readableEnded) headers.connection = "close";
      res.writeHead(response.status, headers);
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
