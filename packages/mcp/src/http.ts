// The server over Streamable HTTP: on loopback unless told otherwise, with the Host and Origin checks the
// MCP specification asks for against DNS rebinding, and the API key taken per session from the
// `Authorization: Bearer` header (never logged; a later request of the session must carry the same key).
import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { type AngoMcpServerOptions, createAngoMcpServer } from "./server.js";

export interface HttpServerOptions extends Omit<AngoMcpServerOptions, "apiKey"> {
  /** The address to listen on. Default `127.0.0.1`: only this machine can connect. */
  host?: string;
  /** The port. Default 0: the system picks a free one (see the returned `url`). */
  port?: number;
  /** Host names (without port) a request's Host header may name besides loopback's and `host`. */
  allowedHosts?: readonly string[];
  /** Origins (`https://app.example.com`) a browser's request may come from besides loopback pages. */
  allowedOrigins?: readonly string[];
}

/** Sessions one server keeps at once; an initialize past it is refused (503) until one ends. */
export const MAX_SESSIONS = 100;
/** The path the MCP endpoint answers on. */
export const MCP_PATH = "/mcp";

const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]", "::1"];

interface Session {
  transport: StreamableHTTPServerTransport;
  keyDigest: Buffer;
}

const digest = (key: string) => createHash("sha256").update(key).digest();

/** The hostname of a Host header or an origin's authority: lower case, without the port. */
function hostnameOf(authority: string): string {
  const bracketed = /^\[[^\]]*\]/.exec(authority);
  return (bracketed ? bracketed[0] : (authority.split(":")[0] ?? "")).toLowerCase();
}

function refuse(res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...extra });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }));
}

/** Serves MCP at `http://<host>:<port>/mcp` until `close()`. */
export async function serveHttp(
  options: HttpServerOptions = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const host = options.host ?? "127.0.0.1";
  const hosts = new Set([
    ...LOOPBACK_HOSTS,
    host.toLowerCase(),
    ...(options.allowedHosts ?? []).map((h) => h.toLowerCase()),
  ]);
  const origins = new Set(options.allowedOrigins ?? []);
  const sessions = new Map<string, Session>();

  const originAllowed = (origin: string) => {
    if (origins.has(origin)) return true;
    try {
      const url = new URL(origin);
      return (url.protocol === "http:" || url.protocol === "https:") && LOOPBACK_HOSTS.includes(url.hostname);
    } catch {
      return false;
    }
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? "").split("?")[0];
    if (path !== MCP_PATH) return refuse(res, 404, `Not found: the MCP endpoint is ${MCP_PATH}.`);
    const hostHeader = req.headers.host ?? "";
    if (!hosts.has(hostnameOf(hostHeader)))
      return refuse(
        res,
        403,
        "Forbidden: the Host header names no host this server answers for (--allowed-host).",
      );
    const origin = req.headers.origin;
    if (origin !== undefined && !originAllowed(origin))
      return refuse(res, 403, "Forbidden: requests from this Origin are not allowed (--allowed-origin).");
    const auth = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
    const key = auth?.[1];
    if (!key)
      return refuse(res, 401, "Unauthorized: send your Ango Hub API key as Authorization: Bearer <key>.", {
        "www-authenticate": "Bearer",
      });
    const sessionId = req.headers["mcp-session-id"];
    if (typeof sessionId === "string") {
      const session = sessions.get(sessionId);
      if (!session) return refuse(res, 404, "Session not found: initialize a new one.");
      const given = digest(key);
      if (!timingSafeEqual(given, session.keyDigest))
        return refuse(res, 403, "Forbidden: the session was opened with another key.");
      return session.transport.handleRequest(req, res);
    }
    if (sessions.size >= MAX_SESSIONS)
      return refuse(
        res,
        503,
        `Too many sessions (MAX_SESSIONS = ${MAX_SESSIONS}): end one (DELETE) and retry.`,
      );
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, keyDigest: digest(key) });
      },
    });
    transport.onclose = () => {
      if (transport.sessionId !== undefined) sessions.delete(transport.sessionId);
    };
    const server = createAngoMcpServer({ ...options, apiKey: key });
    await server.connect(transport);
    await transport.handleRequest(req, res);
    // A first request that did not open a session (not an initialize) leaves nothing behind.
    if (transport.sessionId === undefined || !sessions.has(transport.sessionId)) await server.close();
  }

  const http = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, "Internal error.");
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}${MCP_PATH}`,
    async close() {
      await Promise.all([...sessions.values()].map((session) => session.transport.close()));
      sessions.clear();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
