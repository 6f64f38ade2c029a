#!/usr/bin/env bash
# Runs a root package script from nothing: `bash scripts/run.sh <script> [args...]`, e.g. `start`, `test:all`,
# `pack`, or `ango --help` (the CLI from this repository)
# (with no script: only the set-up steps).
# Installs pnpm at the version pinned in package.json's "packageManager" into .tools/ (no global install),
# installs the workspace from the lockfile (for `start`, `ango` and `pack`, only the packages they build),
# then runs `pnpm run <script>`. Fails on the first failing step.
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

# Debian packages the suite's tests drive: the whole suite's browser test runs Debian's Chromium (a browser
# download by Playwright cannot work here); the CLI's terminal test runs `ango` inside tmux (a real
# terminal: TTY output, progress line). Installed without recommended packages (Chromium in about 20 s
# instead of 45 on a fresh machine), in the background while pnpm installs the workspace; the suite starts
# once both are done.
apt_packages=()
if [ "${1:-}" = "test:all" ] && [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  apt_packages+=(chromium)
fi
if [[ "${1:-}" == test || "${1:-}" == test:all ]] && ! command -v tmux >/dev/null 2>&1; then
  apt_packages+=(tmux)
fi
apt_install=""
if [ "${#apt_packages[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "› installing Debian's ${apt_packages[*]} in the background, for the tests that drive them"
    (apt-get update -qq >/dev/null &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null) &
    apt_install=$!
  else
    echo "› not installed (needs root and apt-get): ${apt_packages[*]}. Without chromium (or CHROMIUM_PATH) the browser test fails; without tmux the CLI's terminal test says it was skipped"
  fi
fi

export TURBO_TELEMETRY_DISABLED=1
# The test run's log shows the install; anything else (start, pack, ango) prints only its own output.
if [[ "${1:-}" == test || "${1:-}" == test:all ]] || [ "$#" -eq 0 ]; then
  pnpm install --frozen-lockfile --reporter=append-only
  if [ -n "$apt_install" ] && ! wait "$apt_install"; then
    echo "› installing ${apt_packages[*]} with apt-get failed: the tests that drive them will fail or skip"
  fi
  [ "$#" -eq 0 ] && exit 0
  exec pnpm run "$@"
fi
# A user's command installs only what it builds and runs (and the root's tools): no browser, workerd or
# registry for the demo. A later full install (`test`, `test:all`) adds the rest; a filtered one removes nothing.
case "$1" in
  start) only=("@ango-hub/demo...") ;;
  ango) only=("@ango-hub/cli...") ;;
  # Every published package (packages/* not marked private), as scripts/pack.sh packs them.
  pack) mapfile -t only < <(node -e 'for (const dir of require("fs").readdirSync("packages")) {
    const manifest = require(`./packages/${dir}/package.json`);
    if (!manifest.private) console.log(`${manifest.name}...`);
  }') ;;
  *) only=() ;;
esac
filters=()
for name in "${only[@]}"; do filters+=("--filter=$name"); done
NPM_CONFIG_UPDATE_NOTIFIER=false pnpm install --frozen-lockfile --reporter=silent "${filters[@]}"
exec pnpm run --silent "$@"
