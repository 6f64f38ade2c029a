// The three ways to make the same updateProjectBatches call that the benchmarks compare.
import { createAngoClient } from "@ango-hub/client";
import type { BatchUpdateRequest, ProjectResponse, paths } from "@ango-hub/types";
import createClient from "openapi-fetch";

export const API_KEY = "bench-key-0123456789";
export const BODY: BatchUpdateRequest = { batches: [{ _id: "507f1f77bcf86cd799439011", name: "Batch 1" }] };

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
  const client = createClient<paths>({ baseUrl, fetch: (request) => fetchImpl(request) });
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

/** @ango-hub/client with its defaults (timeout, retries, redirect guard, typed errors all on). */
export function angoClient(baseUrl: string, fetchImpl?: FetchLike): Call {
  const ango = createAngoClient({
    apiKey: API_KEY,
    server: baseUrl,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  return (projectId) => ango.updateProjectBatches({ projectId, body: BODY });
}
