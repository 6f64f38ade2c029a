// Reading a file a user named (a body, an upload, a saved report) on Node: checked before it is read,
// and read with a cap, so a device, a FIFO or a huge file is refused by name at once.
import { constants, type Stats } from "node:fs";
import { open, stat } from "node:fs/promises";
import { displayText } from "../display-text.js";

/** How much one read asks for. */
const READ_CHUNK_BYTES = 1024 * 1024;

/** Why a file named by the user could not be taken: `message` names the file, the limit and the fix. */
export class FileInputError extends Error {
  override name = "FileInputError";
}

/**
 * The bytes of the regular file at `path`, at most `maxBytes` of them. Refused at once, before anything
 * is read: a path that is not a regular file (a directory, a device such as /dev/zero, a FIFO, a socket)
 * or a file over the limit. The read itself stops at the limit too, so a file that grows while it is
 * read is refused rather than read without end. `what` names the file's role in messages ("a body").
 */
export async function readFileCapped(path: string, maxBytes: number, what = "a file"): Promise<Uint8Array> {
  const shown = displayText(path, 200);
  const fail = (reason: string): never => {
    throw new FileInputError(`cannot read ${shown}: ${reason}`);
  };
  const before = await stat(path).catch((error: NodeJS.ErrnoException) =>
    fail(`${error.code ?? "unreadable"}.`),
  );
  if (!before.isFile()) fail(`not a regular file (${kindOf(before)}); give the path of ${what}.`);
  if (before.size > maxBytes) fail(`${before.size} bytes, over the ${maxBytes}-byte limit for ${what}.`);
  // O_NONBLOCK: should the path have become a FIFO since the check, opening it does not wait for a writer.
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)).catch(
    (error: NodeJS.ErrnoException) => fail(`${error.code ?? "unreadable"}.`),
  );
  try {
    const info = await handle.stat();
    if (!info.isFile()) fail(`not a regular file (${kindOf(info)}); give the path of ${what}.`);
    const chunks: Uint8Array[] = [];
    let length = 0;
    for (;;) {
      const chunk = new Uint8Array(Math.min(READ_CHUNK_BYTES, maxBytes + 1 - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > maxBytes) fail(`over the ${maxBytes}-byte limit for ${what}.`);
    }
    return Buffer.concat(chunks, length);
  } finally {
    await handle.close();
  }
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return "a directory";
  if (info.isFIFO()) return "a FIFO";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  if (info.isSocket()) return "a socket";
  return "not a file";
}
