#!/usr/bin/env bash
# `bash scripts/build-quietly.sh <turbo filter>...`: builds those packages and what they need, printing
# turbo's log only when the build fails, so `start`, `ango` and `pack` print nothing but their own output.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
filters=()
for filter in "$@"; do filters+=("--filter=$filter"); done
if ! turbo run build "${filters[@]}" --output-logs=errors-only >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
