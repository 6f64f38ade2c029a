// Response validation, which a client has only when it is given `responseValidation` (from
// `@ango-hub/client/validation`, or responseValidator over a generated client's own plans): nothing in
// the runtime imports this module, so a bundle that never validates carries none of it, split or not.
import { AngoResponseValidationError } from "../errors.js";
import type { Log } from "../log.js";
import type { OperationDescriptor, ResponseValidationMode } from "../operation.js";
import { scrubHeaders, scrubKey, scrubKeyDeep } from "../redact.js";
import { checkResponse } from "./check.js";
import { type DriftEvent, DriftRecorder, type DriftReport, describeDrift } from "./drift.js";
import type { ResponsePlan } from "./plan.js";

/** Each operation's response plan by its key (a descriptor's `responsePlan`), loaded on first use. */
export type ResponsePlans = Readonly<Record<string, () => Promise<ResponsePlan>>>;

/** What a client starts its validation with: its log, drift callback, sampling and key (to scrub). */
export interface ValidationContext {
  log: Log;
  onDrift: ((event: DriftEvent) => void) | undefined;
  /** The share of responses `"observe"` checks, 0 to 1 (`"enforce"` checks all). */
  sampleRate: number;
  apiKey: string;
}

/** A response as the runtime hands it over: the body parsed (JSON) or undefined. */
export interface ReceivedResponse {
  status: number;
  headers: Headers;
  body: unknown;
  /** The URL the request went to (shown, scrubbed, in an AngoResponseValidationError). */
  url: string;
}

/** One client's response validation: checks its responses and keeps their drift report. */
export interface ResponseValidationSession {
  /**
   * Checks one response against its operation's plan and records what differs; under `"enforce"`, a
   * response with breaking drift throws AngoResponseValidationError.
   */
  check(
    operation: OperationDescriptor,
    mode: Exclude<ResponseValidationMode, "off">,
    response: ReceivedResponse,
  ): Promise<void>;
  report(): DriftReport;
}

/** Response validation as a client option (`responseValidation`): one session per client. */
export interface ResponseValidator {
  start(context: ValidationContext): ResponseValidationSession;
}

/** A validator over `plans`: a generated client's own (its `responses/index.ts`). */
export function responseValidator(plans: ResponsePlans): ResponseValidator {
  return { start: (context) => new Session(plans, context) };
}

class Session implements ResponseValidationSession {
  readonly #plans: ResponsePlans;
  readonly #context: ValidationContext;
  readonly #recorder: DriftRecorder;
  /** Each operation's plan once loaded: a call then checks without waiting for import(). */
  readonly #loaded = new Map<string, ResponsePlan>();

  constructor(plans: ResponsePlans, context: ValidationContext) {
    this.#plans = plans;
    this.#context = context;
    this.#recorder = new DriftRecorder(context.log, context.onDrift);
  }

  report(): DriftReport {
    return this.#recorder.report();
  }

  async check(
    operation: OperationDescriptor,
    mode: Exclude<ResponseValidationMode, "off">,
    response: ReceivedResponse,
  ): Promise<void> {
    const key = operation.responsePlan;
    const { sampleRate, apiKey } = this.#context;
    if (key === undefined || !Object.hasOwn(this.#plans, key)) return;
    if (mode === "observe" && sampleRate < 1 && Math.random() >= sampleRate) return;
    let plan = this.#loaded.get(key);
    if (!plan) {
      plan = await (this.#plans[key] as () => Promise<ResponsePlan>)();
      this.#loaded.set(key, plan);
    }
    const { status, headers, body, url } = response;
    // A pointer names the body's own keys, which a server may echo: the key is scrubbed from it.
    const scrub = (text: string) => scrubKey(text, apiKey);
    const { findings } = checkResponse(
      plan,
      { status, contentType: headers.get("content-type"), body },
      { scrub },
    );
    const { operationId, method, path } = operation;
    const events = findings.map((finding) => ({
      operationId,
      method,
      path,
      status,
      ...finding,
      pointer: scrub(finding.pointer),
      location: scrub(finding.location),
    }));
    this.#recorder.record(events);
    const breaking = events.filter((event) => event.breaking);
    const first = breaking[0];
    if (mode !== "enforce" || !first) return;
    const more = breaking.length > 1 ? ` (and ${breaking.length - 1} more)` : "";
    let shownBody: unknown;
    try {
      shownBody = scrubKeyDeep(body, apiKey);
    } catch {
      // Deeper than the scrubber walks: the body is left out rather than shown unscrubbed.
    }
    throw new AngoResponseValidationError(
      { status, headers: scrubHeaders(headers, apiKey), body: shownBody, method, url: scrub(url) },
      { operationId, drift: events },
      `The response does not match the spec: ${describeDrift(first)}${more}. Set validateResponses: "observe" to report it without throwing.`,
    );
  }
}
