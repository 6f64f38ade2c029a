// Response validation, loaded by the runtime only when a call has it on: a client with
// `validateResponses: "off"` never loads this module or any operation's plan. It imports nothing the
// runtime imports (the runtime passes in the key scrubber), so a bundler keeps it apart in one chunk.
import type { Log } from "../log.js";
import type { OperationDescriptor } from "../operation.js";
import { checkResponse } from "./check.js";
import { type DriftEvent, DriftRecorder, type DriftReport, describeDrift } from "./drift.js";
import type { ResponsePlan } from "./plan.js";

/** A response as the runtime hands it over: the body parsed (JSON) or undefined. */
export interface ReceivedResponse {
  status: number;
  contentType: string | null;
  body: unknown;
}

/** What one check found: every event, and a one-line account of the breaking ones (empty: none). */
export interface CheckOutcome {
  events: DriftEvent[];
  breaking: string;
}

/** One client's response validation: checks responses and records their drift. */
export class ResponseValidation {
  readonly #recorder: DriftRecorder;
  readonly #scrub: (text: string) => string;
  /** Each operation's plan once loaded: a call then checks without waiting for import(). */
  readonly #plans = new WeakMap<OperationDescriptor, ResponsePlan>();

  /**
   * `scrub` removes the API key from a text (a pointer names the body's own keys, which a server may
   * echo). It comes from the runtime, so this chunk shares no module with it (displayText, which the
   * runtime does not use, is this chunk's own).
   */
  constructor(log: Log, onDrift: ((event: DriftEvent) => void) | undefined, scrub: (text: string) => string) {
    this.#recorder = new DriftRecorder(log, onDrift);
    this.#scrub = scrub;
  }

  report(): DriftReport {
    return this.#recorder.report();
  }

  /** Checks the response against the operation's plan and records what differs. */
  async check(operation: OperationDescriptor, response: ReceivedResponse): Promise<CheckOutcome> {
    if (!operation.responses) return { events: [], breaking: "" };
    let plan = this.#plans.get(operation);
    if (!plan) {
      plan = await operation.responses();
      this.#plans.set(operation, plan);
    }
    const { findings } = checkResponse(plan, response, { scrub: this.#scrub });
    const { operationId, method, path } = operation;
    const events = findings.map((finding) => ({
      operationId,
      method,
      path,
      status: response.status,
      ...finding,
      pointer: this.#scrub(finding.pointer),
      location: this.#scrub(finding.location),
    }));
    this.#recorder.record(events);
    const breaking = events.filter((event) => event.breaking);
    const first = breaking[0];
    const more = breaking.length > 1 ? ` (and ${breaking.length - 1} more)` : "";
    return { events, breaking: first ? `${describeDrift(first)}${more}` : "" };
  }
}
