import { COMMON_FLAGS } from "@ango-hub/cli/runner";
import { describe, expect, test } from "vitest";
import { GLOBAL_FLAGS } from "../src/emit-commands.js";
import { commandsOf, kebabCase, readApiModel } from "../src/index.js";

describe("the CLI's commands", () => {
  test("the flags the codegen keeps free are every flag the CLI gives each command", () => {
    expect(Object.keys(COMMON_FLAGS).filter((flag) => !GLOBAL_FLAGS.includes(flag))).toEqual([]);
  });

  test("names become kebab-case, and a parameter named like a common flag gets its location first", () => {
    expect(["updateProjectBatches", "status[eq]", "HTTPStatus", "a$b"].map(kebabCase)).toEqual([
      "update-project-batches",
      "status-eq",
      "http-status",
      "a-b",
    ]);
    const model = readApiModel({
      openapi: "3.0.3",
      info: { title: "t", version: "1" },
      paths: {
        "/things": {
          get: {
            operationId: "listThings",
            parameters: [
              { name: "output", in: "query", schema: { type: "string" } },
              { name: "limit", in: "query", schema: { type: "integer" } },
            ],
            responses: { "200": { description: "ok" } },
          },
        },
      },
    });
    expect(commandsOf(model)[0]?.parameters.map((p) => [p.flag, p.type])).toEqual([
      ["query-output", "string"],
      ["limit", "integer"],
    ]);
  });
});
