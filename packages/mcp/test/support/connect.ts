// An MCP client connected in-process (the SDK's InMemoryTransport) to a server over the mock: the way an
// agent's client talks to it, without a process or a socket.
import { MockAngo, type MockAngoOptions } from "@ango-hub/testing";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { type AngoMcpServerOptions, createAngoMcpServer } from "../../src/server.js";

export const KEY = "mcp-test-key-0123456789-secret";

export async function connect(server: AngoMcpServerOptions = {}, mock: MockAngoOptions = {}) {
  const ango = new MockAngo({ apiKey: KEY, ...mock });
  const logged: string[] = [];
  const line = (message: string, details?: object) =>
    logged.push(`${message} ${JSON.stringify(details ?? {})}`);
  const mcp = createAngoMcpServer({
    apiKey: KEY,
    server: "https://mock.test/v2",
    maxRetries: 0,
    fetch: (url, init) => ango.handle(new Request(url, init)),
    logger: { error: line, warn: line, info: line, debug: line },
    ...server,
  });
  const client = new Client({ name: "test", version: "1.0.0" });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await Promise.all([mcp.connect(serverSide), client.connect(clientSide)]);
  return {
    client,
    mock: ango,
    logged,
    async close() {
      await client.close();
      await mcp.close();
    },
  };
}
