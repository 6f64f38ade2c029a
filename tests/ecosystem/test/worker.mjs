// workerd runs this (bundled by esbuild, through Miniflare): each request runs the scenario with the
// settings its query names and answers with the results.
import { runScenario } from "./scenario-core.mjs";

export default {
  async fetch(request) {
    const query = new URL(request.url).searchParams;
    const results = await runScenario({
      server: query.get("server"),
      apiKey: query.get("key"),
      flaky: query.get("flaky"),
    });
    return Response.json(results);
  },
};
