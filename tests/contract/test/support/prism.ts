import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { freePort } from "@ango-hub/test-support/free-port";
import { specPath } from "./spec.js";

export interface Prism {
  url: string;
  close(): Promise<void>;
}

/** Starts Stoplight Prism in mock mode (it validates every request against the spec) on loopback. */
export async function startPrism(): Promise<Prism> {
  const prism = fileURLToPath(new URL("../../node_modules/.bin/prism", import.meta.url));
  const port = await freePort();
  const child: ChildProcess = spawn(prism, ["mock", specPath, "-h", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      // A Prism that never listens is stopped, not left running after the suite.
      child.kill();
      reject(new Error(`Prism did not start in 60 s:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Prism is listening")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
