// Fixture pairs of the spec diff: the seed spec as "old", and the seed with one edit as "new", each with
// the bump and the words a consumer should read. Shared by the 3.0 tests and their 3.1 twins.
import { seedDocument } from "@ango-hub/test-support/seed";
import type { Bump } from "../../src/spec-diff.js";

// The seed is a frozen copy (@ango-hub/test-support/seed), so the
// vendor's next document changes none of these pairs.
export const seed = seedDocument();
// biome-ignore lint/suspicious/noExplicitAny: fixtures edit an untyped JSON document
export type Doc = any;
export const edit = (change: (doc: Doc) => void): Doc => {
  const doc = structuredClone(seed);
  change(doc);
  return doc;
};
export const schemas = (doc: Doc) => doc.components.schemas;
export const op = (doc: Doc) => doc.paths["/batches/{projectId}"].post;

export const pairs: [string, Doc, Bump, string][] = [
  [
    "operation removed",
    edit((d) => delete d.paths["/batches/{projectId}"]),
    "major",
    "`POST /batches/{projectId}` removed (`updateProjectBatches`)",
  ],
  [
    "path renamed",
    edit((d) => {
      d.paths["/projects/{projectId}/batches"] = d.paths["/batches/{projectId}"];
      delete d.paths["/batches/{projectId}"];
    }),
    "major",
    "`updateProjectBatches` moved from `POST /batches/{projectId}` to `POST /projects/{projectId}/batches`",
  ],
  [
    "response field removed",
    edit((d) => delete schemas(d).Project.properties.owner),
    "major",
    "`Project.owner` removed",
  ],
  [
    "request field newly required",
    edit((d) => schemas(d).Batch.required.push("_id")),
    "major",
    "`Batch._id` is now required",
  ],
  [
    "parameter newly required",
    edit((d) =>
      op(d).parameters.push({ name: "dryRun", in: "query", required: true, schema: { type: "boolean" } }),
    ),
    "major",
    "`updateProjectBatches`: required query parameter `dryRun` added",
  ],
  [
    "optional parameter added",
    edit((d) => {
      op(d).parameters.push({ name: "dryRun", in: "query", schema: { type: "boolean" } });
    }),
    "minor",
    "`updateProjectBatches`: optional query parameter `dryRun` added",
  ],
  [
    "type narrowed",
    edit((d) => (schemas(d).Project.properties.queueVersion.type = "integer")),
    "major",
    "`Project.queueVersion` changes type from `number` to `integer`",
  ],
  [
    "nullable removed",
    edit((d) => delete schemas(d).Classification.properties.regex.nullable),
    "major",
    "`Classification.regex` no longer accepts null",
  ],
  [
    "enum value removed",
    edit((d) => schemas(d).Tool.properties.tool.enum.pop()),
    "major",
    "`Tool.tool` loses `angle`",
  ],
  [
    "enum value added",
    edit((d) => schemas(d).Stage.properties.type.enum.push("Review2")),
    "minor",
    "`Stage.type` gains `Review2`",
  ],
  [
    "auth scheme changed",
    edit((d) => (d.components.securitySchemes.ApiKeyAuth.name = "x-api-key")),
    "major",
    "authentication changed: the API key now goes in the header `x-api-key`",
  ],
  [
    "auth scheme changed to a bearer token",
    edit((d) => {
      d.components.securitySchemes.ApiKeyAuth = { type: "http", scheme: "bearer" } as never;
    }),
    "major",
    'authentication changed: the API key now goes in the header `Authorization`, after "Bearer "',
  ],
  [
    "server removed",
    edit((d) => d.servers.splice(2, 1)),
    "major",
    "server `in` (`https://in-api.ango.ai/v2`) removed",
  ],
  [
    "server added",
    edit((d) => d.servers.push({ url: "https://jp-api.ango.ai/v2", description: "Japan Production Server" })),
    "minor",
    "server `jp` (`https://jp-api.ango.ai/v2`) added",
  ],
  [
    "operation added",
    edit((d) => {
      d.paths["/projects/{projectId}"] = {
        get: {
          operationId: "getProject",
          parameters: [{ $ref: "#/components/parameters/ProjectIdParam" }],
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/ProjectResponse" } } },
            },
          },
        },
      };
    }),
    "minor",
    "`GET /projects/{projectId}` added (`getProject`)",
  ],
  [
    "optional request field added",
    edit((d) => (schemas(d).Batch.properties.color = { type: "string" })),
    "minor",
    "`Batch.color` added",
  ],
  [
    "response field added",
    edit((d) => (schemas(d).Project.properties.archived = { type: "boolean" })),
    "minor",
    "`Project.archived` added",
  ],
  [
    "description changed",
    edit((d) => (schemas(d).Batch.properties.name.description = "The batch's name")),
    "patch",
    "`Batch.name` description changed",
  ],
  [
    "summary changed",
    edit((d) => (op(d).summary = "Replace project batches")),
    "patch",
    "`updateProjectBatches`: summary or description changed",
  ],
  [
    "example added",
    edit((d) => (schemas(d).Batch.properties.name.example = "Batch 1")),
    "patch",
    "`Batch.name` examples changed",
  ],
];
