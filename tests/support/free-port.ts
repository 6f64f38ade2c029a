// Shared by the packages' tests that start a server which cannot report a port it picked itself.
import { createServer } from "node:net";

/** A port the OS just handed out on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
