import { test } from "vitest";
import type { SeedClient } from "./support/seed-client.js";

// The seed's generated client (test/generated), so the file checks the same operation whatever spec/ holds.
declare const ango: SeedClient;

// The layer that catches malformed bodies before they are sent is the type system: each mutation the
// contract's property test sends (with a cast) is a compile error when written plainly.
test("mutated bodies are type errors", () => {
  // The valid call compiles: without it, every line below would be an error for want of the method.
  void ango.updateProjectBatches({ projectId: "p", body: { batches: [{ name: "a", _id: "x" }] } });
  // @ts-expect-error a batch without name
  void ango.updateProjectBatches({ projectId: "p", body: { batches: [{ _id: "x" }] } });
  // @ts-expect-error name of the wrong type
  void ango.updateProjectBatches({ projectId: "p", body: { batches: [{ name: 42 }] } });
  // @ts-expect-error name null
  void ango.updateProjectBatches({ projectId: "p", body: { batches: [{ name: null }] } });
  // @ts-expect-error _id of the wrong type
  void ango.updateProjectBatches({ projectId: "p", body: { batches: [{ name: "a", _id: { $oid: "x" } }] } });
  // @ts-expect-error batches not an array
  void ango.updateProjectBatches({ projectId: "p", body: { batches: { name: "a" } } });
  // @ts-expect-error batches missing
  void ango.updateProjectBatches({ projectId: "p", body: {} });
  // @ts-expect-error extra nesting: batches of arrays
  void ango.updateProjectBatches({ projectId: "p", body: { batches: [[{ name: "a" }]] } });
  // @ts-expect-error extra nesting: wrapped body
  void ango.updateProjectBatches({ projectId: "p", body: { body: { batches: [] } } });
  // @ts-expect-error a batch that is a string
  void ango.updateProjectBatches({ projectId: "p", body: { batches: ["Batch 2"] } });
});
