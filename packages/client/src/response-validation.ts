// `@ango-hub/client/validation`: response validation for the spec's operations, as the client's
// `responseValidation` option. A separate entry point: the checker and every operation's response plan
// reach a bundle only when this is imported.
//
//   import { responseValidation } from "@ango-hub/client/validation";
//   const ango = createAngoClient({ validateResponses: "observe", responseValidation });
import { responsePlans } from "./generated/responses/index.js";
import { type ResponseValidator, responseValidator } from "./validation/index.js";

/** The checker with the spec's response plans: pass it to createAngoClient as `responseValidation`. */
export const responseValidation: ResponseValidator = responseValidator(responsePlans);

export type { ResponseValidator } from "./validation/index.js";
