// How flags become a call, on commands written here: every parameter type, enums, multipart files.
import { describe, expect, test } from "vitest";
import { parseCommand, type Sources } from "../src/args.js";
import type { CommandSpec } from "../src/command-spec.js";

const sources: Sources = {
  readStdin: async () => new Uint8Array(),
  readFile: async (path) => new TextEncoder().encode(`bytes of ${path}`),
};

const search: CommandSpec = {
  operation: "searchTasks",
  command: "search-tasks",
  method: "GET",
  path: "/projects/{projectId}/tasks",
  parameters: [
    { name: "projectId", flag: "project-id", in: "path", required: true, type: "string" },
    { name: "limit", flag: "limit", in: "query", required: false, type: "integer" },
    { name: "ratio", flag: "ratio", in: "query", required: false, type: "number" },
    { name: "archived", flag: "archived", in: "query", required: false, type: "boolean" },
    { name: "ids", flag: "ids", in: "query", required: false, type: "array" },
    { name: "filter", flag: "filter", in: "query", required: false, type: "object" },
    {
      name: "status[eq]",
      flag: "status-eq",
      in: "query",
      required: false,
      type: "string",
      enum: ["TODO", "Done"],
    },
    { name: "X-Trace", flag: "x-trace", in: "header", required: false, type: "string" },
  ],
  pagination: { items: ["data", "tasks"], total: ["data", "total"] },
};

const upload: CommandSpec = {
  operation: "uploadAssets",
  command: "upload-assets",
  method: "POST",
  path: "/assets",
  parameters: [],
  body: { mediaType: "multipart/form-data", required: true, encoding: "multipart", fields: [] },
};

describe("parseCommand", () => {
  test("each flag is read as the spec types its parameter and sent where the parameter goes", async () => {
    const { request } = await parseCommand(
      search,
      [
        "--project-id",
        "p1",
        "--limit",
        "50",
        "--ratio",
        "0.5",
        "--no-archived",
        "--ids",
        "a",
        "--ids",
        "b",
        "--filter",
        '{"stage":"Label"}',
        "--status-eq",
        "Done",
        "--x-trace",
        "t1",
      ],
      sources,
    );
    expect(request).toEqual({
      path: { projectId: "p1" },
      query: {
        limit: 50,
        ratio: 0.5,
        archived: false,
        ids: ["a", "b"],
        filter: { stage: "Label" },
        "status[eq]": "Done",
      },
      headers: { "X-Trace": "t1" },
      cookies: {},
    });
    const json = await parseCommand(
      search,
      ["--project-id", "p1", "--ids", '["x","y"]', "--archived"],
      sources,
    );
    expect(json.request.query).toEqual({ ids: ["x", "y"], archived: true });
  });

  test.each([
    [["--limit", "ten"], '--limit must be a whole number, got "ten".'],
    [["--ratio", "half"], '--ratio must be a number, got "half".'],
    [["--filter", "{stage"], /^--filter must be a JSON object: /],
    [["--status-eq", "done"], "--status-eq must be one of TODO, Done."],
  ])("%j is refused with what the flag takes", async (args, message) => {
    await expect(parseCommand(search, ["--project-id", "p1", ...args], sources)).rejects.toThrow(message);
  });

  test("multipart: --file field=@path for each file (twice for a list), --body for the other fields", async () => {
    const { request } = await parseCommand(
      upload,
      [
        "--body",
        '{"name":"scan"}',
        "--file",
        "image=@a.png",
        "--file",
        "image=@dir/b.png",
        "--file",
        "doc=@c.pdf",
      ],
      sources,
    );
    const body = request.body as { name: string; image: File[]; doc: File };
    expect(body.name).toBe("scan");
    expect(body.image.map((file) => file.name)).toEqual(["a.png", "b.png"]);
    expect(body.doc).toBeInstanceOf(File);
    expect(await body.doc.text()).toBe("bytes of c.pdf");
    await expect(parseCommand(upload, ["--file", "image=a.png"], sources)).rejects.toThrow(
      '--file takes field=@path, got "image=a.png".',
    );
  });
});
