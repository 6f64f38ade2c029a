// The page shape the codegen's conventions write for an Ango list (`page` from 1, `limit`, the items at
// `data.<items>` beside `data.total`), for tests that build a list operation's descriptor by hand.
export function angoPageShape(items: string, pageSize = 100) {
  return {
    pageParam: "page",
    firstPage: 1,
    limitParam: "limit",
    pageSize,
    items: ["data", items],
    total: ["data", "total"],
  } as const;
}
