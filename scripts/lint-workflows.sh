#!/usr/bin/env bash
# Validates every GitHub workflow against the workflow schema with action-validator (one file per call).
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for file in .github/workflows/*.yml; do
  if action-validator "$file" >/dev/null; then echo "ok   $file"; else echo "FAIL $file"; action-validator "$file" || true; status=1; fi
done
exit "$status"
