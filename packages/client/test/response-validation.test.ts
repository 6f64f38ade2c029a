// Response validation through the runtime, on an injected fetch: the three modes, drift events, the
// report, error bodies, sampling, and the key kept out of all of it.
import { describe, expect, test, vi } from "vitest";
import {
  type OperationDescriptor,
  type ResponsePlan,
  type ResponsePlans,
  type ResponseValidator,
  responseValidator,
} from "../src/contract-entry.js";
import {
  AngoConfigError,
  AngoNotFoundError,
  AngoResponseValidationError,
  createAngoRuntime,
  type DriftEvent,
} from "../src/index.js";
import { fakeFetch, jsonResponse } from "./support/fake-fetch.js";
import { recordingLogger, TEST_KEY } from "./support/fixtures.js";

const plan: ResponsePlan = {
  responses: {
    "200": { content: { "application/json": 0 } },
    "404": { content: { "application/json": 4 } },
  },
  schemas: [
    { type: ["object"], properties: { status: 1, data: 2 }, required: ["status", "data"] },
    { type: ["string"] },
    { type: ["object"], properties: { items: 3, total: 5 }, required: ["items", "total"] },
    { type: ["array"], items: 6 },
    { type: ["object"], properties: { status: 1, message: 1 }, required: ["status", "message"] },
    { type: ["integer"] },
    { type: ["object"], properties: { id: 1, role: 7 }, required: ["id"] },
    { type: ["string"], enum: ["Manager", "Labeler"] },
  ],
};

/** The plans setup's clients validate with: listOperation puts each test's loader here. */
const plans: Record<string, () => Promise<ResponsePlan>> = {};
const validation = responseValidator(plans as ResponsePlans);

function listOperation(loadPlan = vi.fn(async () => plan)) {
  const operation: OperationDescriptor = {
    operationId: "listThings",
    method: "GET",
    path: "/things",
    params: [],
    response: "json",
    responsePlan: "listThings",
  };
  plans.listThings = loadPlan;
  return { operation, loadPlan };
}

const page = (items: unknown[], total: unknown = items.length) => ({
  status: "success",
  data: { items, total },
});

function setup(body: unknown, options: Parameters<typeof createAngoRuntime>[0] = {}, status = 200) {
  const lines: string[] = [];
  const events: DriftEvent[] = [];
  const fake = fakeFetch(() => jsonResponse(status, body, { "x-request-id": "req-1" }));
  const runtime = createAngoRuntime({
    apiKey: TEST_KEY,
    server: fake.server,
    fetch: fake.fetch,
    logger: recordingLogger(lines),
    onDrift: (event) => events.push(event),
    maxRetries: 0,
    responseValidation: validation,
    ...options,
  });
  return { runtime, lines, events, calls: fake.calls };
}

describe("validateResponses", () => {
  test('"off" (the default) never loads the plan and reports nothing', async () => {
    const { operation, loadPlan } = listOperation();
    const { runtime, events } = setup(page([{ id: 1 }], "two"));
    await expect(runtime.call(operation, {})).resolves.toEqual(page([{ id: 1 }], "two"));
    expect(loadPlan).not.toHaveBeenCalled();
    expect(events).toEqual([]);
    expect(runtime.driftReport()).toMatchObject({ responsesChecked: 0, entries: [] });
  });

  test('"observe" returns the body as sent and reports each drift once per place, with counts', async () => {
    const { operation } = listOperation();
    const drifted = page([{ id: 1, role: "labeler" }, { id: "2", extra: true }, { role: null }], "3");
    const { runtime, events, lines } = setup(drifted, { validateResponses: "observe" });
    await expect(runtime.call(operation, {})).resolves.toEqual(drifted);
    await runtime.call(operation, {});
    const seen = events.map((e) => [e.pointer, e.problem, e.breaking]);
    expect(seen).toEqual([
      ["/data/items/0/id", "wrong-type", true],
      ["/data/items/0/role", "unknown-enum-value", false],
      ["/data/items/1/extra", "extra-field", false],
      ["/data/items/2/id", "missing-required", true],
      ["/data/items/2/role", "unexpected-null", true],
      ["/data/total", "wrong-type", true],
    ]);
    expect(events[0]).toEqual({
      operationId: "listThings",
      method: "GET",
      path: "/things",
      status: 200,
      pointer: "/data/items/0/id",
      location: "/data/items/*/id",
      problem: "wrong-type",
      breaking: true,
      expected: "string",
      actual: "integer",
    });
    // Once per operation, place and problem: the second response added counts, not lines.
    expect(lines.filter((line) => line.startsWith("warn [ango] response drift"))).toHaveLength(6);
    expect(lines[0]).toBe(
      "warn [ango] response drift: listThings 200: wrong type at /data/items/0/id (expected string, got integer)",
    );
    const report = runtime.driftReport();
    expect(report).toMatchObject({
      format: "ango-drift-report/1",
      responsesChecked: 2,
      responsesWithDrift: 2,
    });
    expect(report.entries.map((e) => [e.location, e.problem, e.count])).toEqual([
      ["/data/items/*/id", "wrong-type", 2],
      ["/data/items/*/role", "unknown-enum-value", 2],
      ["/data/items/*/extra", "extra-field", 2],
      ["/data/items/*/id", "missing-required", 2],
      ["/data/items/*/role", "unexpected-null", 2],
      ["/data/total", "wrong-type", 2],
    ]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  test('"enforce" throws AngoResponseValidationError on breaking drift, with the events and the body', async () => {
    const { operation } = listOperation();
    const { runtime, events } = setup(page([{ id: 5 }]), { validateResponses: "enforce" });
    const error = await runtime.call(operation, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AngoResponseValidationError);
    const failure = error as AngoResponseValidationError;
    expect(failure).toMatchObject({ status: 200, operationId: "listThings", requestId: "req-1" });
    expect(failure.body).toEqual(page([{ id: 5 }]));
    expect(failure.drift.map((e) => e.pointer)).toEqual(["/data/items/0/id"]);
    expect(failure.message).toBe(
      'The response does not match the spec: listThings 200: wrong type at /data/items/0/id (expected string, got integer). Set validateResponses: "observe" to report it without throwing.',
    );
    expect(events).toHaveLength(1);
  });

  test('"enforce" never throws for additive drift: an extra field, an unknown enum value', async () => {
    const { operation } = listOperation();
    const additive = page([{ id: "1", role: "Owner", since: "2020" }]);
    const { runtime, events } = setup(additive, { validateResponses: "enforce" });
    await expect(runtime.call(operation, {})).resolves.toEqual(additive);
    expect(events.map((e) => e.problem)).toEqual(["unknown-enum-value", "extra-field"]);
  });

  test("a call can set its own mode over the client's", async () => {
    const { operation } = listOperation();
    const { runtime } = setup(page([{ id: 5 }]), { validateResponses: "enforce" });
    await expect(runtime.call(operation, {}, { validateResponses: "observe" })).resolves.toBeDefined();
    await expect(runtime.call(operation, {}, { validateResponses: "off" })).resolves.toBeDefined();
    expect(runtime.driftReport().responsesChecked).toBe(1);
    await expect(runtime.call(operation, {})).rejects.toBeInstanceOf(AngoResponseValidationError);
  });

  test("an error body is checked too and keeps its own error class, even under enforce", async () => {
    const { operation } = listOperation();
    const { runtime, events } = setup(
      { status: "fail", msg: "no such thing" },
      { validateResponses: "enforce" },
      404,
    );
    await expect(runtime.call(operation, {})).rejects.toBeInstanceOf(AngoNotFoundError);
    expect(events.map((e) => [e.status, e.pointer, e.problem])).toEqual([
      [404, "/message", "missing-required"],
      [404, "/msg", "extra-field"],
    ]);
  });

  test("a status the spec does not declare is drift; under enforce a 2xx one throws", async () => {
    const { operation } = listOperation();
    const observed = setup(page([]), { validateResponses: "observe" }, 201);
    await observed.runtime.call(operation, {});
    expect(observed.events.map((e) => [e.status, e.problem])).toEqual([[201, "undeclared-status"]]);
    const enforced = setup(page([]), { validateResponses: "enforce" }, 201);
    await expect(enforced.runtime.call(operation, {})).rejects.toBeInstanceOf(AngoResponseValidationError);
    const failing = setup({ message: "teapot" }, { validateResponses: "enforce" }, 418);
    await expect(failing.runtime.call(operation, {})).rejects.not.toBeInstanceOf(AngoResponseValidationError);
    expect(failing.events.map((e) => e.problem)).toEqual(["undeclared-status"]);
  });

  test("driftSampleRate: observe checks that share of responses (0 checks none)", async () => {
    const { operation, loadPlan } = listOperation();
    const none = setup(page([{ id: 5 }]), { validateResponses: "observe", driftSampleRate: 0 });
    for (let i = 0; i < 5; i++) await none.runtime.call(operation, {});
    expect(loadPlan).not.toHaveBeenCalled();
    const random = vi.spyOn(Math, "random");
    try {
      random.mockReturnValueOnce(0.7).mockReturnValueOnce(0.2);
      const half = setup(page([{ id: 5 }]), { validateResponses: "observe", driftSampleRate: 0.5 });
      await half.runtime.call(operation, {});
      await half.runtime.call(operation, {});
      expect(half.runtime.driftReport().responsesChecked).toBe(1);
    } finally {
      random.mockRestore();
    }
  });

  test("a failing onDrift handler does not fail the call", async () => {
    const { operation } = listOperation();
    const { runtime } = setup(page([{ id: 5 }]), {
      validateResponses: "observe",
      onDrift: () => {
        throw new Error("handler bug");
      },
    });
    await expect(runtime.call(operation, {})).resolves.toBeDefined();
  });

  test("options are checked: an unknown mode, a rate outside 0..1, an onDrift that is not a function", () => {
    const make = (options: object) => () => createAngoRuntime({ apiKey: TEST_KEY, ...options });
    expect(make({ validateResponses: "strict" })).toThrow(
      'validateResponses must be one of "off", "observe", "enforce", got "strict".',
    );
    expect(make({ driftSampleRate: 2 })).toThrow("driftSampleRate must be a number from 0 to 1, got 2.");
    expect(make({ onDrift: "log" })).toThrow('onDrift must be a function, got "log".');
  });

  test("the key never appears in events, the log, the report or the error, wherever the server echoes it", async () => {
    const { operation } = listOperation();
    // The key as a property name (an extra field), as a value of a wrong type and in a header.
    const echo = {
      status: "success",
      data: { items: [{ id: TEST_KEY, [TEST_KEY]: 1, role: TEST_KEY }], total: TEST_KEY },
    };
    const lines: string[] = [];
    const events: DriftEvent[] = [];
    const fake = fakeFetch(() => jsonResponse(200, echo, { "x-echo": TEST_KEY }));
    const runtime = createAngoRuntime({
      apiKey: TEST_KEY,
      server: fake.server,
      fetch: fake.fetch,
      logger: recordingLogger(lines),
      logLevel: "debug",
      onDrift: (event) => events.push(event),
      validateResponses: "enforce",
      responseValidation: validation,
    });
    const error = (await runtime.call(operation, {}).catch((e: unknown) => e)) as AngoResponseValidationError;
    expect(error).toBeInstanceOf(AngoResponseValidationError);
    expect(events.map((e) => e.problem)).toContain("extra-field");
    const shown = [
      JSON.stringify(events),
      lines.join("\n"),
      JSON.stringify(runtime.driftReport()),
      error.message,
      JSON.stringify(error.body),
      JSON.stringify(error.drift),
      JSON.stringify([...error.headers]),
      String(error.stack),
    ].join("\n");
    expect(shown).not.toContain(TEST_KEY);
  });
});

describe("responseValidation, the checker a client validates with", () => {
  const base = { apiKey: TEST_KEY, server: "https://api.example/v2" };

  test("a mode other than off without it is refused by name, saying what to import", () => {
    const error = (() => {
      try {
        createAngoRuntime({ ...base, validateResponses: "observe" });
      } catch (caught) {
        return caught;
      }
    })() as AngoConfigError;
    expect(error).toBeInstanceOf(AngoConfigError);
    expect(error.option).toBe("responseValidation");
    expect(error.problem).toBe("missing");
    expect(error.message).toContain('import { responseValidation } from "@ango-hub/client/validation"');
    expect(() => createAngoRuntime({ ...base, validateResponses: "off" })).not.toThrow();
  });

  test("a value that is not a checker is refused; a call that asks for validation without one fails before sending", async () => {
    expect(() =>
      createAngoRuntime({ ...base, responseValidation: "on" as unknown as ResponseValidator }),
    ).toThrow('responseValidation must be responseValidation from @ango-hub/client/validation, got "on".');
    const { operation } = listOperation();
    const fake = fakeFetch(() => jsonResponse(200, page([])));
    const runtime = createAngoRuntime({ ...base, server: fake.server, fetch: fake.fetch });
    await expect(runtime.call(operation, {}, { validateResponses: "enforce" })).rejects.toThrow(
      AngoConfigError,
    );
    expect(fake.calls).toHaveLength(0);
  });

  test("an operation whose plan key the checker does not have is not checked", async () => {
    const fake = fakeFetch(() => jsonResponse(200, { anything: true }));
    const runtime = createAngoRuntime({
      ...base,
      server: fake.server,
      fetch: fake.fetch,
      validateResponses: "enforce",
      responseValidation: validation,
    });
    const { operation } = listOperation();
    await expect(runtime.call({ ...operation, responsePlan: "constructor" }, {})).resolves.toEqual({
      anything: true,
    });
    expect(runtime.driftReport().responsesChecked).toBe(0);
  });
});
