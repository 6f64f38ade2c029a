#!/usr/bin/env bash
# `bash scripts/run.sh pack`: every published package as the tarball npm would publish, in packed/, to
# install before a release (`npm install ./packed/*.tgz`). Builds only those packages.
set -euo pipefail
cd "$(dirname "$0")/.."
filters=()
dirs=()
for dir in packages/*/; do
  # Only the packages that are published (not "private": true).
  if node -e 'process.exit(require(process.argv[1]).private ? 1 : 0)' "$PWD/${dir}package.json"; then
    filters+=("./${dir%/}")
    dirs+=("$dir")
  fi
done
bash scripts/build-quietly.sh "${filters[@]}"
rm -rf packed
mkdir packed
for dir in "${dirs[@]}"; do
  (cd "$dir" && pnpm pack --pack-destination "$OLDPWD/packed" >/dev/null)
done
echo "Packed into packed/ (install them together: npm install ./packed/*.tgz):"
ls packed
