// Bun and Deno run this: the scenario with its settings from the environment, one JSON line out.
import { runScenario } from "./scenario-core.mjs";

const env = (name) => (globalThis.Deno ? globalThis.Deno.env.get(name) : globalThis.process.env[name]);
const results = await runScenario({
  server: env("SCENARIO_URL"),
  apiKey: env("SCENARIO_KEY"),
  flaky: env("SCENARIO_FLAKY"),
});
console.log(JSON.stringify(results));
