export {
  CLIENT_MEMBER_NAMES,
  compareCodeUnits,
  GENERATED_MODULE_NAMES,
  IDENTIFIER,
  kebabCase,
  nameClaims,
  operationName,
  operationNames,
  RESERVED_OPERATION_NAMES,
  settleNameClashes,
  sortForNaming,
  usableOperationId,
} from "./names.js";
export {
  FETCH_OWNED_HEADERS,
  HTTP_METHODS,
  type HttpMethod,
  IGNORED_HEADERS,
  isIgnoredParameter,
  isJsonMediaType,
  isMediaType,
  parametersOf,
} from "./operations.js";
export { isObject, type Json, MAX_REFERENCE_CHAIN, pointerTarget, resolveLocalRef } from "./refs.js";
export { type KeyScheme, keySchemeOf, type UnusableScheme, undefinedSchemeNames } from "./security.js";
