import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { DOCUMENT_LIMITS, readDocumentFile, SpecError } from "../src/index.js";

const dir = await mkdtemp(join(tmpdir(), "document-file-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

test("a document file within the limit is read whole, as UTF-8", async () => {
  const path = join(dir, "small.yaml");
  await writeFile(path, "openapi: 3.1.0\ninfo: { title: Ångström, version: '1' }\n");
  expect(await readDocumentFile(path, "The new spec")).toContain("Ångström");
});

test("a file one byte over the limit is refused by the limit's name", async () => {
  const path = join(dir, "large.json");
  await writeFile(path, Buffer.alloc(DOCUMENT_LIMITS.maxDocumentBytes + 1, 0x20));
  const reading = readDocumentFile(path, "The new spec");
  await expect(reading).rejects.toThrow(SpecError);
  await expect(readDocumentFile(path, "The new spec")).rejects.toThrow(
    /^The new spec is larger than \d+ bytes, the limit \(DOCUMENT_LIMITS\.maxDocumentBytes/,
  );
});

test.skipIf(!existsSync("/dev/zero"))(
  "an input that never ends (a device, a pipe) is refused after the limit, not read forever",
  async () => {
    await expect(readDocumentFile("/dev/zero", "The new spec")).rejects.toThrow(
      /is larger than \d+ bytes, the limit/,
    );
  },
);
