#!/usr/bin/env bash
# Runs a root package script from nothing: `bash scripts/run.sh <script> [args...]`
# (with no script: only the set-up steps).
# Installs pnpm at the version pinned in package.json's "packageManager" into .tools/ (no global install),
# installs the workspace from the lockfile, then runs `pnpm run <script>`. Fails on the first failing step.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(node -p 'require("./package.json").packageManager.replace(/^pnpm@/, "")')
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$version" ]; then
  if [ "$(.tools/node_modules/.bin/pnpm --version 2>/dev/null || true)" != "$version" ]; then
    echo "› installing pnpm@$version into .tools/"
    npm install --prefix .tools --no-audit --no-fund --loglevel=error "pnpm@$version" >/dev/null
  fi
  # Turbo and nested scripts call `pnpm` by name.
  export PATH="$PWD/.tools/node_modules/.bin:$PATH"
fi

export TURBO_TELEMETRY_DISABLED=1
pnpm install --frozen-lockfile --reporter=append-only
[ "$#" -eq 0 ] && exit 0
exec pnpm run "$@"
