#!/usr/bin/env bash
# `bash scripts/run.sh pack [DIR]`: every published package as the tarball npm would publish, in DIR
# (default packed/), to install before a release (`npm install ./packed/*.tgz`). Builds only those
# packages, unless ANGO_PACK_SKIP_BUILD is set (the consumer test's turbo task has built them already).
set -euo pipefail
cd "$(dirname "$0")/.."
dest=$(mkdir -p "${1:-packed}" && cd "${1:-packed}" && pwd)
filters=()
dirs=()
for dir in packages/*/; do
  # Only the packages that are published (not "private": true).
  if node -e 'process.exit(require(process.argv[1]).private ? 1 : 0)' "$PWD/${dir}package.json"; then
    filters+=("./${dir%/}")
    dirs+=("$dir")
  fi
done
[ -n "${ANGO_PACK_SKIP_BUILD:-}" ] || bash scripts/build-quietly.sh "${filters[@]}"
# Only this script's own tarballs are replaced: DIR may hold other files.
rm -f "$dest"/ango-hub-*.tgz
for dir in "${dirs[@]}"; do
  (cd "$dir" && pnpm pack --pack-destination "$dest" >/dev/null)
done
echo "Packed into $dest (install them together: npm install $dest/*.tgz):"
ls "$dest" | grep '^ango-hub-.*\.tgz$'
