// A Node process that serves one document at a time with `prism mock`'s own server factory, on command
// from the judges table (prism-table.test.ts, `pnpm judges`) over IPC. Loading Prism once saves a process start per
// document; like `prism mock`, an error Prism leaves unhandled ends this process, and the calls to it fail.
const { createRequire } = require("node:module");
const { dirname, join } = require("node:path");

const localRequire = createRequire(__filename);
const { createSingleProcessPrism } = localRequire(
  join(dirname(localRequire.resolve("@stoplight/prism-cli/package.json")), "dist", "util", "createServer.js"),
);

let server;
process.on("message", async (message) => {
  // Asked after a document's calls: an answer says no call ended this process.
  if (message.ping) return process.send({ ok: true });
  try {
    if (server) await server.close();
    server = undefined;
    if (message.serve) {
      server = await createSingleProcessPrism({
        document: message.serve.file,
        host: "127.0.0.1",
        port: message.serve.port,
        cors: true,
        multiprocess: false,
        errors: false,
        dynamic: false,
        ignoreExamples: false,
        verboseLevel: "silent",
      });
    }
    process.send({ ok: true });
  } catch (error) {
    process.send({ error: String(error?.message ?? error).slice(0, 160) });
  }
});
