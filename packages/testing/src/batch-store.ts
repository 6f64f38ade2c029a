// The mock's one stateful handler, for Ango's `POST /batches/{projectId}`. Which operation uses it is not
// known here: the overrides file beside the spec names it (`"mock": "batch-store"`), and the codegen
// carries that into the generated document module (mockHandlers).
import type { Batch, ProjectResponse } from "@ango-hub/types";

/** The built-in handlers an operation can be given (MockAngoOptions.handlers). */
export type BuiltInHandler = "batch-store";

/**
 * `"replace"`: the project's batches become exactly the list sent, as the official Python SDK assumes (it
 * sends the existing batches plus the new ones). `"merge"`: a known `_id` is renamed, anything else added.
 */
export type BatchUpdate = "replace" | "merge";

/** Batches by project id, in memory. A batch sent without `_id` gets a new 24-hex id. */
export class BatchStore {
  readonly projects = new Map<string, Batch[]>();
  readonly #mode: BatchUpdate;
  #nextId = 1;

  constructor(mode: BatchUpdate = "replace") {
    this.#mode = mode;
  }

  /** Batches stored for a project (empty when it was never updated). */
  batches(projectId: string): Batch[] {
    return this.projects.get(projectId) ?? [];
  }

  /** Stores `sent` for the project by the store's mode; the answer is the project with its batches. */
  update(projectId: string, sent: Batch[]): ProjectResponse {
    const named = sent.map((batch) => ({ _id: batch._id ?? this.#newId(), name: batch.name }));
    let stored: Batch[] = named;
    if (this.#mode === "merge") {
      stored = [...this.batches(projectId)];
      for (const batch of named) {
        const existing = stored.findIndex((b) => b._id === batch._id);
        if (existing >= 0) stored[existing] = batch;
        else stored.push(batch);
      }
    }
    this.projects.set(projectId, stored);
    return {
      status: "success",
      data: { project: { _id: projectId, name: `Project ${projectId}`, type: "ango", batches: stored } },
    };
  }

  clear(): void {
    this.projects.clear();
  }

  /** 24 hex digits, like the server's ObjectIds, and predictable for tests. */
  #newId(): string {
    return `6a${(this.#nextId++).toString(16).padStart(22, "0")}`;
  }
}
