import { describe, expectTypeOf, test } from "vitest";
import type {
  Batch,
  BatchUpdateRequest,
  Classification,
  components,
  operations,
  Project,
  ProjectResponse,
  paths,
  Tool,
} from "./generated/index.js";

// The frozen seed's generated types (test/generated, SEED_TARGETS of the codegen): the rules of the
// types the codegen writes, on schemas that are known whatever document spec/ holds.

describe("generated schema types", () => {
  test("Batch.name is required, Batch._id optional", () => {
    expectTypeOf<Batch>().toHaveProperty("name").toEqualTypeOf<string>();
    expectTypeOf<Pick<Batch, "_id">>().toEqualTypeOf<{ _id?: string }>();
    // @ts-expect-error a batch without a name is not a Batch
    const nameless: Batch = { _id: "507f1f77bcf86cd799439011" };
    void nameless;
  });

  test("Tool.tool is the spec's enum: a closed union of its values, not any string", () => {
    expectTypeOf<"bounding-box">().toMatchTypeOf<Tool["tool"]>();
    expectTypeOf<string>().not.toMatchTypeOf<Tool["tool"]>();
    // @ts-expect-error a value the enum does not list
    const unknown: Tool["tool"] = "lasso-of-truth";
    void unknown;
  });

  test("Classification.regex accepts null (OpenAPI 3.0 nullable)", () => {
    expectTypeOf<Classification["regex"]>().toEqualTypeOf<string | null | undefined>();
  });

  test("a body with a misspelled property is a type error", () => {
    const good: BatchUpdateRequest = { batches: [{ name: "Batch 1" }] };
    // @ts-expect-error `nmae` is not a Batch property (and `name` is missing)
    const misspelled: BatchUpdateRequest = { batches: [{ nmae: "Batch 1" }] };
    // @ts-expect-error `batchs` is not a BatchUpdateRequest property
    const misspelledTop: BatchUpdateRequest = { batchs: [] };
    void [good, misspelled, misspelledTop];
  });

  test("aliases are the component schemas and the operation types line up", () => {
    expectTypeOf<Project>().toEqualTypeOf<components["schemas"]["Project"]>();
    expectTypeOf<
      operations["updateProjectBatches"]["responses"][200]["content"]["application/json"]
    >().toEqualTypeOf<ProjectResponse>();
    expectTypeOf<paths["/batches/{projectId}"]["post"]>().toEqualTypeOf<operations["updateProjectBatches"]>();
    expectTypeOf<
      operations["updateProjectBatches"]["requestBody"]["content"]["application/json"]
    >().toEqualTypeOf<BatchUpdateRequest>();
  });
});
