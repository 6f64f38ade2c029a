export { openApiDocument } from "./generated/openapi-document.js";
export {
  basePath,
  type Json,
  MockAngo,
  type MockAngoOptions,
  type MockCall,
  type MockResponse,
  type RecordedCall,
  resolveLocalRef,
} from "./mock.js";
export { type MockAngoServer, type MockAngoServerOptions, startMockAngoServer } from "./server.js";
