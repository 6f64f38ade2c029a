export { NO_FINAL_STATUS, NO_VALID_ANSWER, NULL_BODY_STATUSES } from "./answers.js";
export {
  DRIFT_ENUM_VALUE,
  DRIFT_EXTRA_FIELD,
  type DriftKind,
  type DriftSample,
  driftSamples,
} from "./drift-samples.js";
export { openApiDocument } from "./generated/openapi-document.js";
export {
  AMBIGUOUS_PATHS,
  type BatchUpdate,
  type BuiltInHandler,
  basePath,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_RECORDED_CALLS,
  type Json,
  MockAngo,
  type MockAngoOptions,
  type MockCall,
  type MockResponse,
  REQUEST_ID_HEADER,
  type RecordedCall,
  resolveLocalRef,
  withJsonSchemaDialect,
} from "./mock.js";
export { MAX_SEPARATING_CHANGES, MAX_SEPARATING_DEPTH, TWINNED_ONE_OF_BRANCHES } from "./one-of-overlaps.js";
export {
  MAX_SAMPLE_ATTEMPTS,
  MAX_SAMPLE_STRING_LENGTH,
  ONLY_WITH_OTHER_BRANCH_FIELDS,
  REQUIRED_ONLY_REF_DEPTH,
  SAMPLE_REF_DEPTH,
  SAMPLE_STRING_SPAN,
  type Sample,
  type SampleOptions,
  sampleValue,
} from "./samples.js";
export {
  DEFAULT_REQUEST_TIMEOUT_MS,
  type MockAngoServer,
  type MockAngoServerOptions,
  startMockAngoServer,
} from "./server.js";
export { validateValue } from "./value-check.js";
