/** Ways to break a valid BatchUpdateRequest, each named for the failure message. */
export const mutations: [string, (body: { batches: Record<string, unknown>[] }) => unknown][] = [
  ["a batch without name", (b) => ({ batches: b.batches.map(({ name: _name, ...rest }) => rest) })],
  ["name of the wrong type", (b) => ({ batches: b.batches.map((x) => ({ ...x, name: 42 })) })],
  ["name null", (b) => ({ batches: b.batches.map((x) => ({ ...x, name: null })) })],
  ["_id of the wrong type", (b) => ({ batches: b.batches.map((x) => ({ ...x, _id: { $oid: "x" } })) })],
  ["batches not an array", (b) => ({ batches: b.batches[0] })],
  ["batches missing", () => ({})],
  ["extra nesting: batches of arrays", (b) => ({ batches: b.batches.map((x) => [x]) })],
  ["extra nesting: wrapped body", (b) => ({ body: b })],
  ["a batch that is a string", (b) => ({ batches: [...b.batches, "Batch 2"] })],
];
