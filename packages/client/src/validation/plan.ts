// What the codegen writes for each operation's responses (src/generated/responses/): the response
// schemas reduced to what response validation checks, as plain data. Document text only ever appears
// here as JSON strings, parsed by JSON.parse: no schema is compiled and nothing is evaluated at run time.

/** The JSON types a schema can name; `null` is `nullable` instead. */
export type JsonType = "object" | "array" | "string" | "number" | "integer" | "boolean";

/** One schema of a response body. Other schemas are referred to by their index in `ResponsePlan.schemas`. */
export interface ShapeNode {
  /** The types the value may have; absent: any. */
  readonly type?: readonly JsonType[];
  /** `null` is allowed (`nullable: true`, or `"null"` among the types). */
  readonly nullable?: boolean;
  /** The values a string, number or boolean may take (`enum`, `const`). */
  readonly enum?: readonly (string | number | boolean | null)[];
  /** Declared properties and the index of each one's schema. */
  readonly properties?: Readonly<Record<string, number>>;
  /** Properties a response must carry (write-only ones are left out: they are never sent back). */
  readonly required?: readonly string[];
  /**
   * Properties not declared: absent, any are allowed and reported as additive drift; `false`, none are
   * allowed (the spec closes the object); `true`, any are allowed silently (a map, or `patternProperties`);
   * a number, each must match that schema.
   */
  readonly additional?: boolean | number;
  readonly items?: number;
  readonly allOf?: readonly number[];
  /** `oneOf` and `anyOf` alike: the value is judged against the branch it fits best. */
  readonly oneOf?: readonly number[];
  /** Picks the `oneOf` branch by a property's value: value -> index into `oneOf`. */
  readonly discriminator?: { readonly property: string; readonly mapping: Readonly<Record<string, number>> };
}

/** The response a status may carry: each declared media type and its schema's index (null: no schema). */
export interface ResponseShape {
  readonly content: Readonly<Record<string, number | null>>;
}

/** Every response an operation declares, by the status key the spec writes (`200`, `4XX`, `default`). */
export interface ResponsePlan {
  readonly responses: Readonly<Record<string, ResponseShape>>;
  readonly schemas: readonly ShapeNode[];
}
