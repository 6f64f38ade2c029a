// What each runtime runs (scenario.mjs for Bun and Deno, worker.mjs for workerd) in a project that
// installed the packed packages: the client's call, typed error, retry, timeout, page iterator, multipart
// upload with a Blob and redaction, against the scenario server. Returns what happened, as JSON.
// Its operations are descriptors of its own, as the generated ones are made, so it holds for any spec.
import { AngoNotFoundError, AngoServerError, AngoTimeoutError, createAngoRuntime } from "@ango-hub/client";
import { jsonBody, multipartBody, paginate, styledParams } from "@ango-hub/client/contract";

/** A JSON POST with a path parameter, safe to repeat (as a spec's overrides may declare). */
const updateBatches = {
  operationId: "updateBatches",
  method: "POST",
  path: "/batches/{projectId}",
  params: [{ name: "projectId", in: "path" }],
  body: { mediaType: "application/json", required: true, encode: jsonBody },
  response: "json",
  idempotent: true,
};
/** As a generated function calls it: the path parameter under `path`, the body beside it. */
const sendBatches = (runtime, { projectId, body }, options) =>
  runtime.call(updateBatches, { path: { projectId }, body }, options);

export async function runScenario({ server, apiKey, flaky }) {
  const runtime = createAngoRuntime({ apiKey, server, logLevel: "off", retry: { baseDelayMs: 10 } });
  const outcome = (promise) =>
    promise.then(
      (value) => ({ value }),
      (error) => ({ error }),
    );
  const results = {};

  const call = await sendBatches(runtime, {
    projectId: "p1",
    body: { batches: [{ name: "Batch 1" }] },
  });
  results.call = call.data.project.batches.map((batch) => batch.name);

  const missing = await outcome(sendBatches(runtime, { projectId: "missing", body: { batches: [] } }));
  results.notFound = {
    typed: missing.error instanceof AngoNotFoundError,
    status: missing.error?.status,
    requestId: missing.error?.requestId,
  };

  const retried = await outcome(sendBatches(runtime, { projectId: flaky, body: { batches: [] } }));
  results.retry = { succeeded: retried.value?.status === "success" };

  const slow = await outcome(
    sendBatches(runtime, { projectId: "slow", body: { batches: [] } }, { timeoutMs: 200, maxRetries: 0 }),
  );
  results.timeout = { typed: slow.error instanceof AngoTimeoutError, timeoutMs: slow.error?.timeoutMs };

  const listThings = {
    operationId: "listThings",
    method: "GET",
    path: "/things",
    params: [
      { name: "page", in: "query" },
      { name: "limit", in: "query" },
    ],
    serializeParams: styledParams,
    response: "json",
    pagination: {
      pageParam: "page",
      firstPage: 1,
      limitParam: "limit",
      pageSize: 100,
      items: ["data", "things"],
      total: ["data", "total"],
    },
  };
  const ids = [];
  for await (const thing of paginate(runtime, listThings, {})) ids.push(thing.id);
  results.pages = { items: ids.length, first: ids[0], last: ids.at(-1), unique: new Set(ids).size };

  const upload = {
    operationId: "uploadAsset",
    method: "POST",
    path: "/upload",
    params: [],
    body: { mediaType: "multipart/form-data", required: true, encode: multipartBody },
    response: "json",
  };
  results.upload = await runtime.call(upload, {
    body: { name: "scan", file: new Blob(["hello blob"], { type: "text/plain" }) },
  });

  const echo = await outcome(
    sendBatches(runtime, { projectId: "echo", body: { batches: [] } }, { maxRetries: 0 }),
  );
  const shown = JSON.stringify([
    echo.error?.message,
    echo.error?.body,
    [...(echo.error?.headers ?? [])],
    String(echo.error?.stack),
    String(runtime),
    JSON.stringify(runtime),
  ]);
  results.redaction = { typed: echo.error instanceof AngoServerError, keyShown: shown.includes(apiKey) };

  return results;
}
