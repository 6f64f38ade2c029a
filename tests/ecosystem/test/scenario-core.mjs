// What each runtime runs (scenario.mjs for Bun and Deno, worker.mjs for workerd) in a project that
// installed the packed packages: the client's call, typed error, retry, timeout, page iterator, multipart
// upload with a Blob and redaction, against the scenario server. Returns what happened, as JSON.
import {
  AngoNotFoundError,
  AngoServerError,
  AngoTimeoutError,
  createAngoRuntime,
  updateProjectBatches,
} from "@ango-hub/client";
import { multipartBody, paginate, styledParams } from "@ango-hub/client/internal";

export async function runScenario({ server, apiKey, flaky }) {
  const runtime = createAngoRuntime({ apiKey, server, logLevel: "off", retry: { baseDelayMs: 10 } });
  const outcome = (promise) =>
    promise.then(
      (value) => ({ value }),
      (error) => ({ error }),
    );
  const results = {};

  const call = await updateProjectBatches(runtime, {
    projectId: "p1",
    body: { batches: [{ name: "Batch 1" }] },
  });
  results.call = call.data.project.batches.map((batch) => batch.name);

  const missing = await outcome(
    updateProjectBatches(runtime, { projectId: "missing", body: { batches: [] } }),
  );
  results.notFound = {
    typed: missing.error instanceof AngoNotFoundError,
    status: missing.error?.status,
    requestId: missing.error?.requestId,
  };

  const retried = await outcome(updateProjectBatches(runtime, { projectId: flaky, body: { batches: [] } }));
  results.retry = { succeeded: retried.value?.status === "success" };

  const slow = await outcome(
    updateProjectBatches(
      runtime,
      { projectId: "slow", body: { batches: [] } },
      { timeoutMs: 200, maxRetries: 0 },
    ),
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
    pagination: { items: "things", pageSize: 100 },
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
    updateProjectBatches(runtime, { projectId: "echo", body: { batches: [] } }, { maxRetries: 0 }),
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
