import { checkResponse, type ResponsePlan } from "@ango-hub/client/contract";
import { type OperationModel, readApiModel } from "@ango-hub/codegen";
import { resolveLocalRef } from "@ango-hub/openapi-reader";
import {
  type DriftKind,
  driftSamples,
  MockAngo,
  sampleValue,
  withJsonSchemaDialect,
} from "@ango-hub/testing";
import { beforeAll, describe, expect, test } from "vitest";
import {
  corpusDocuments,
  generateClient,
  type Json,
  loadClient,
  vendorDocument as loadVendorDocument,
  mergeIntoAngo,
} from "./support/corpus.js";
import { type Descriptor, inputFor } from "./support/inputs.js";

const JSON_BODY = /^application\/(?:[\w.-]+\+)?json(;.*)?$/i;
/** Every optional field and a non-empty array wherever there is one: the most places to seed drift. */
const SAMPLE_OPTIONS = { seed: 3, optionalFields: "all", nonEmpty: true, maxItems: 2 } as const;
const KINDS: DriftKind[] = [
  "missing-required",
  "wrong-type",
  "unexpected-null",
  "unknown-enum-value",
  "extra-field",
];

/** A status the plan answers with this response key: the code itself, the class's first, or an unused one. */
function statusFor(key: string, responses: Record<string, unknown>): number {
  if (/^\d{3}$/.test(key)) return Number(key);
  if (/^\dXX$/i.test(key)) return Number(key[0]) * 100 + 99;
  for (let status = 200; status < 600; status++) {
    const code = String(status);
    if (!Object.hasOwn(responses, code) && !Object.hasOwn(responses, `${code[0]}XX`)) return status;
  }
  return 599;
}

interface Case {
  where: string;
  /** The document as the mock's validator reads it (the schema's own document). */
  document: Json;
  operation: OperationModel;
  status: number;
  mediaType: string;
  schema: Json;
}

/**
 * Every JSON response body schema of every operation of `document`. The schemas come from the document as
 * the mock's validator reads it (withJsonSchemaDialect: OpenAPI 3.0's `nullable` and the like in JSON
 * Schema's terms), the plans from the document as the codegen reads it.
 */
function casesOf(name: string, document: Json): Case[] {
  const judged = structuredClone(document);
  withJsonSchemaDialect(judged);
  return readApiModel(document).operations.flatMap((operation) => {
    const item = resolveLocalRef(judged, judged.paths[operation.path]);
    const responses = item?.[operation.method]?.responses ?? {};
    return Object.entries(operation.responsePlan.responses).flatMap(([key, { content }]) =>
      Object.keys(content).flatMap((mediaType) => {
        const schema = resolveLocalRef(judged, responses[key])?.content?.[mediaType]?.schema;
        if (!schema || !JSON_BODY.test(mediaType)) return [];
        const status = statusFor(key, operation.responsePlan.responses);
        const where = `${name} ${operation.name} ${key} ${mediaType}`;
        return [{ where, document: judged, operation, status, mediaType, schema }];
      }),
    );
  });
}

const vendorDocument = await loadVendorDocument();
const documents = [
  ...(await corpusDocuments()).map(({ name, document }) => ({ name, document: mergeIntoAngo(document) })),
  { name: "ango-vendor", document: vendorDocument },
];

describe("response validation across every operation of the corpus and the vendor's API", () => {
  const tally = { cases: 0, unsampled: 0, seeds: new Map<DriftKind, number>() };
  const falseDrift: string[] = [];
  const missed: string[] = [];

  beforeAll(async () => {
    for (const { name, document } of documents) {
      for (const c of casesOf(name, document)) {
        const sample = await sampleValue(c.document, c.schema, SAMPLE_OPTIONS);
        if (!sample.valid) {
          tally.unsampled++;
          continue;
        }
        tally.cases++;
        const plan = c.operation.responsePlan as ResponsePlan;
        const check = (body: unknown) =>
          checkResponse(plan, { status: c.status, contentType: c.mediaType, body }).findings;
        const baseline = check(sample.value);
        for (const f of baseline.filter((f) => f.breaking))
          falseDrift.push(`${c.where}: ${f.problem} at ${f.pointer || "(body)"}`);
        for (const seed of driftSamples(c.document, c.schema, sample.value)) {
          tally.seeds.set(seed.kind, (tally.seeds.get(seed.kind) ?? 0) + 1);
          const findings = check(seed.body);
          const found = findings.some(
            (f) => f.problem === seed.kind && f.pointer === seed.pointer && f.breaking === seed.breaking,
          );
          // Nothing else breaking appears beyond what the valid body had (none).
          const others = findings.filter(
            (f) => f.breaking && !(f.problem === seed.kind && f.pointer === seed.pointer),
          );
          if (!found || others.length > 0)
            missed.push(
              `${c.where}: seeded ${seed.kind} at ${seed.pointer}; found ${JSON.stringify(findings.map((f) => [f.problem, f.pointer, f.breaking]))}`,
            );
        }
      }
    }
  }, 600_000);

  test("a body the spec's validator accepts shows no breaking drift", () => {
    expect(tally.cases).toBeGreaterThan(300);
    expect(falseDrift).toEqual([]);
  });

  test("every seeded drift is reported, with its kind, pointer and whether it is breaking", () => {
    for (const kind of KINDS) expect(tally.seeds.get(kind) ?? 0, kind).toBeGreaterThan(20);
    expect(missed).toEqual([]);
  });
});

describe("the generated vendor client against the mock answering drifted bodies", () => {
  const key = "vendor-key-0123456789-secret";
  let client: Json;
  let descriptors: Descriptor[];

  beforeAll(async () => {
    client = await loadClient((await generateClient("ango-vendor-drift", vendorDocument)).dir);
    descriptors = Object.values(client.operationDescriptors as Record<string, Descriptor>);
  }, 120_000);

  /** Each operation's first drift sample of each kind, in its 2xx answer (the one the mock gives). */
  async function seededAnswers() {
    const answers: {
      descriptor: Descriptor;
      index: number;
      status: number;
      kind: DriftKind;
      pointer: string;
      breaking: boolean;
      body: unknown;
    }[] = [];
    for (const c of casesOf("ango-vendor", vendorDocument)) {
      if (c.status >= 300) continue;
      const descriptor = descriptors.find((d) => d.operationId === c.operation.name) as Descriptor;
      const sample = await sampleValue(c.document, c.schema, SAMPLE_OPTIONS);
      if (!sample.valid) continue;
      const seen = new Set<DriftKind>();
      for (const seed of driftSamples(c.document, c.schema, sample.value)) {
        if (seen.has(seed.kind)) continue;
        seen.add(seed.kind);
        answers.push({ descriptor, index: answers.length + 1, status: c.status, ...seed });
      }
    }
    return answers;
  }

  test("observe reports every seeded drift at its pointer and throws nothing; enforce throws for breaking ones only", async () => {
    const answers = await seededAnswers();
    expect(new Set(answers.map((a) => a.descriptor.operationId)).size).toBeGreaterThan(30);
    const failures: string[] = [];
    const lines: string[] = [];
    // One mock answers every call with the answer at hand: it reads the document once, not once a call.
    let answering: (typeof answers)[number] | undefined;
    const mock = new MockAngo({
      document: vendorDocument,
      respond: () =>
        answering && { status: answering.status, body: answering.body, headers: { "x-echo": key } },
    });
    for (const mode of ["observe", "enforce"] as const) {
      for (const answer of answers) {
        const events: Json[] = [];
        answering = answer;
        const runtime = client.createAngoRuntime({
          apiKey: key,
          server: "https://vendor.test/v2",
          maxRetries: 0,
          fetch: (url: string, init: RequestInit) => mock.handle(new Request(url, init)),
          validateResponses: mode,
          responseValidation: client.responseValidation,
          onDrift: (event: Json) => events.push(event),
          logger: {
            error: () => {},
            warn: (line: string) => lines.push(line),
            info: () => {},
            debug: (line: string) => lines.push(line),
          },
          logLevel: "debug",
        });
        const call = client[answer.descriptor.operationId] as (
          runner: unknown,
          input: unknown,
        ) => Promise<unknown>;
        const outcome = await call(
          runtime,
          await inputFor(vendorDocument, answer.descriptor, answer.index),
        ).then(
          () => undefined,
          (error: Json) => error,
        );
        const where = `${mode} ${answer.descriptor.operationId} ${answer.kind} at ${answer.pointer}`;
        if (
          !events.some(
            (e) =>
              e.problem === answer.kind && e.pointer === answer.pointer && e.breaking === answer.breaking,
          )
        )
          failures.push(
            `${where}: not reported (${JSON.stringify(events.map((e) => [e.problem, e.pointer]))})`,
          );
        const threw = outcome?.name === "AngoResponseValidationError";
        const shouldThrow = mode === "enforce" && answer.breaking;
        if (threw !== shouldThrow || (outcome && !threw))
          failures.push(
            `${where}: ${outcome ? `threw ${outcome.name}: ${outcome.message}` : "did not throw"}`,
          );
        if (threw) {
          expect(outcome.drift.some((e: Json) => e.pointer === answer.pointer)).toBe(true);
          expect(
            JSON.stringify([outcome.message, outcome.body, [...outcome.headers], outcome.drift]),
          ).not.toContain(key);
        }
        expect(JSON.stringify([events, runtime.driftReport()])).not.toContain(key);
      }
    }
    expect(failures).toEqual([]);
    expect(lines.join("\n")).not.toContain(key);
  }, 300_000);
});
