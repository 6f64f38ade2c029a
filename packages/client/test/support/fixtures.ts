import { readFileSync } from "node:fs";

// The docs example response is a real fixture: the client must accept it as it is.
export const docsExampleResponse = JSON.parse(
  readFileSync(new URL("../../../../spec/examples/docs-example-response.json", import.meta.url), "utf8"),
);
export const docsExampleRequest = JSON.parse(
  readFileSync(new URL("../../../../spec/examples/docs-example-request.json", import.meta.url), "utf8"),
);

export const TEST_KEY = "ak_live_0123456789abcdef_SECRET";
