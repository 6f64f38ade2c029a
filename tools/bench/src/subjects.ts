// The ways to make the same call that the benchmarks compare. The call is the seed's operation (a JSON
// POST with a path parameter), described here rather than taken from spec/: the benchmarks measure the
// runtime on one fixed call, whatever operations the vendor's current document has.
import { createAngoRuntime } from "@ango-hub/client";
import { jsonBody, type OperationDescriptor } from "@ango-hub/client/contract";
import createClient from "openapi-fetch";

export const API_KEY = "bench-key-0123456789";

interface BatchUpdateRequest {
  batches: { _id?: string; name: string }[];
}
type ProjectResponse = unknown;
export const BODY: BatchUpdateRequest = { batches: [{ _id: "507f1f77bcf86cd799439011", name: "Batch 1" }] };

/** The call as openapi-typescript types it for openapi-fetch (the seed's `paths`, cut to this one). */
interface BenchPaths {
  "/batches/{projectId}": {
    post: {
      parameters: { path: { projectId: string } };
      requestBody: { content: { "application/json": BatchUpdateRequest } };
      responses: { 200: { content: { "application/json": ProjectResponse } } };
    };
  };
}

/** The call as the codegen describes it for the runtime (the seed's descriptor, idempotency rule included). */
export const BENCH_OPERATION: OperationDescriptor = {
  operationId: "updateProjectBatches",
  method: "POST",
  path: "/batches/{projectId}",
  params: [{ name: "projectId", in: "path" }],
  body: { mediaType: "application/json", required: true, encode: jsonBody },
  response: "json",
  idempotent: { every: "batches", has: "_id" },
};

export type Call = (projectId: string) => Promise<unknown>;
type FetchLike = (input: Request | string, init?: RequestInit) => Promise<Response>;

/** A hand-written fetch call: the floor any client is measured against. */
export function rawFetch(baseUrl: string, fetchImpl: FetchLike = fetch): Call {
  return async (projectId) => {
    const response = await fetchImpl(`${baseUrl}/batches/${encodeURIComponent(projectId)}`, {
      method: "POST",
      headers: { apikey: API_KEY, "content-type": "application/json" },
      body: JSON.stringify(BODY),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return (await response.json()) as ProjectResponse;
  };
}

/**
 * The same hand-written call with the protections the client always applies: a timeout signal and
 * `redirect: "manual"` (so the key cannot follow a cross-origin redirect). Shows what safety costs.
 */
export function rawFetchWithProtections(baseUrl: string, fetchImpl: FetchLike = fetch): Call {
  return async (projectId) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 60_000);
    try {
      const response = await fetchImpl(`${baseUrl}/batches/${encodeURIComponent(projectId)}`, {
        method: "POST",
        headers: { apikey: API_KEY, "content-type": "application/json" },
        body: JSON.stringify(BODY),
        signal: controller.signal,
        redirect: "manual",
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return (await response.json()) as ProjectResponse;
    } finally {
      clearTimeout(timer);
    }
  };
}

/** What a user would write with openapi-fetch alone: the generated paths type and an auth middleware. */
export function plainOpenapiFetch(baseUrl: string, fetchImpl: FetchLike = fetch): Call {
  const client = createClient<BenchPaths>({ baseUrl, fetch: (request) => fetchImpl(request) });
  client.use({
    onRequest({ request }) {
      request.headers.set("apikey", API_KEY);
      return request;
    },
  });
  return async (projectId) => {
    const { data, error } = await client.POST("/batches/{projectId}", {
      params: { path: { projectId } },
      body: BODY,
    });
    if (error !== undefined) throw new Error("HTTP error");
    return data;
  };
}

/**
 * @ango-hub/client with its defaults (timeout, retries, redirect guard, typed errors all on), called as a
 * generated function calls it: the runtime with the operation's descriptor.
 */
export function angoClient(baseUrl: string, fetchImpl?: FetchLike): Call {
  const runtime = createAngoRuntime({
    apiKey: API_KEY,
    server: baseUrl,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  return (projectId) => runtime.call(BENCH_OPERATION, { path: { projectId }, body: BODY });
}
