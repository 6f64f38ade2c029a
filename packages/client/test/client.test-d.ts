import { describe, expectTypeOf, test } from "vitest";
import {
  AngoConnectionError,
  AngoPaginationError,
  AngoRedirectError,
  createAngoClient,
  type ServerPreset,
  type serverPresets,
} from "../src/index.js";
import type { ProjectResponse } from "./generated/types.js";
import type { SeedClient } from "./support/seed-client.js";

// The seed's generated client (test/generated): the method types a spec's operation gets.
declare const ango: SeedClient;

describe("client types come from the spec", () => {
  test("updateProjectBatches returns the 200 body type", () => {
    expectTypeOf(
      ango.updateProjectBatches({ projectId: "p", body: { batches: [] } }),
    ).resolves.toEqualTypeOf<ProjectResponse>();
  });

  test("a misspelled body property, a missing name or a missing projectId is a type error", () => {
    // @ts-expect-error `nmae` is not a Batch property
    void ango.updateProjectBatches({ projectId: "p", body: { batches: [{ nmae: "x" }] } });
    // @ts-expect-error `batchs` is not a BatchUpdateRequest property
    void ango.updateProjectBatches({ projectId: "p", body: { batchs: [] } });
    // @ts-expect-error projectId is required
    void ango.updateProjectBatches({ body: { batches: [] } });
    // @ts-expect-error per-call options are checked too
    void ango.updateProjectBatches({ projectId: "p", body: { batches: [] } }, { timeout: 5 });
  });

  test("server presets are the spec's, and custom URLs are allowed", () => {
    // The spec's preset keys, a closed set: an arbitrary string is not a preset (but is a server URL).
    expectTypeOf<ServerPreset>().toEqualTypeOf<keyof typeof serverPresets>();
    expectTypeOf<string>().not.toMatchTypeOf<ServerPreset>();
    createAngoClient({ apiKey: "k", server: {} as ServerPreset });
    createAngoClient({ apiKey: "k", server: "https://proxy.example.com/v2" });
  });

  test("error constructors take every field their class declares", () => {
    new AngoRedirectError("moved", { status: 307, method: "POST", url: "u", location: "/v2/x" });
    // @ts-expect-error a redirect error without its location
    new AngoRedirectError("moved", { status: 307 });
    // @ts-expect-error a connection error without its method and url
    new AngoConnectionError("down", { code: "ECONNRESET" });
    // @ts-expect-error a pagination error without its page
    new AngoPaginationError("stopped", { operationId: "listProjects" });
    expectTypeOf<AngoRedirectError["location"]>().toEqualTypeOf<string>();
  });
});
