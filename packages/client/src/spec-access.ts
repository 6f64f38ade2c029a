// The spec's servers and where its key goes, as generated: what createAngoClient, createAngoRuntime and
// createRawAngoClient hand the runtime (which reads no generated file itself).
import type { ApiAccess } from "./config.js";
import { apiAccess } from "./generated/internal.js";

export const specAccess: ApiAccess = apiAccess;
