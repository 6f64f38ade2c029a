import { setupServer } from "msw/node";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createAngoHandlers } from "../src/msw.js";
import { seedClient, seedOptions } from "./support/seed.js";

// A loopback base URL: should interception ever fail, the request is refused locally and goes nowhere.
const baseUrl = "http://127.0.0.1:9/v2";
const { handlers, mock } = createAngoHandlers(baseUrl, seedOptions({ apiKey: "msw-key-123456" }));
const msw = setupServer(...handlers);
beforeAll(() => msw.listen({ onUnhandledRequest: "error" }));
afterAll(() => msw.close());

test("MSW handlers answer in-process with the same validation and store", async () => {
  const ango = seedClient({ apiKey: "msw-key-123456", server: baseUrl });
  const result = await ango.updateProjectBatches({
    projectId: "p",
    body: { batches: [{ name: "via msw" }] },
  });
  expect(result.data?.project?.batches?.map((b) => b.name)).toEqual(["via msw"]);
  expect(mock.batches("p")).toHaveLength(1);
  const wrongKey = seedClient({ apiKey: "wrong-key-1234567", server: baseUrl });
  await expect(
    wrongKey.updateProjectBatches({ projectId: "p", body: { batches: [] } }),
  ).rejects.toMatchObject({
    status: 401,
  });
});
