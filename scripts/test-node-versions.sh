#!/usr/bin/env bash
# Runs the client's and the consumer tests again under the newest release of other Node majors, taken from
# the npm registry's node-<platform>-<arch> package (scripts/node-binary.sh); the machine's own Node runs
# them in the main suite, so its own major is not run twice.
# Majors: the arguments, else ANGO_NODE_VERSIONS (space-separated; CI sets each leg's own), else "22 24".
# A major the registry has no binary of for this platform is reported as skipped, with the reason.
set -euo pipefail
cd "$(dirname "$0")/.."
majors=("$@")
if [ "${#majors[@]}" -eq 0 ]; then read -r -a majors <<<"${ANGO_NODE_VERSIONS-22 24}"; fi
current=$(node -p 'process.versions.node.split(".")[0]')
# One consumer project for every major: the packed tarballs and npm's install of them do not depend on the
# Node that runs the tests, so the first run packs and installs into it and the next reuse it
# (tests/consumer, ANGO_CONSUMER_PROJECT).
consumer_project=$(mktemp -d)
trap 'rm -rf "$consumer_project"' EXIT
for major in "${majors[@]}"; do
  if [ "$major" = "$current" ]; then
    echo "› Node $major: skipped, the suite already ran on it ($(node --version))"
    continue
  fi
  status=0
  errors=$(mktemp)
  node=$(bash scripts/node-binary.sh "$major" 2>"$errors") || status=$?
  if [ "$status" -eq 3 ]; then
    echo "› Node $major: skipped, $(tail -1 "$errors")"
    rm -f "$errors"
    continue
  fi
  cat "$errors" >&2
  rm -f "$errors"
  [ "$status" -eq 0 ] || exit "$status"
  # Checks no Node can change (type-checks, package lints, bundle sizes) ran in the main run; they report
  # as skipped here (tests/support/node-matrix.ts).
  echo "› Node $("$node" --version): @ango-hub/client and @ango-hub/consumer-tests, the checks that depend on Node"
  # The consumer tests start `node` and `npm` by name: this Node comes first on the PATH. Each run's
  # Vitest report is named for its Node (tests/support/vitest.js), beside the main run's.
  PATH="$(dirname "$node"):$PATH" ANGO_EXPECT_NODE="$("$node" --version)" ANGO_TEST_RUN="node$major" \
    ANGO_CONSUMER_PROJECT="$consumer_project" \
    pnpm --filter @ango-hub/client --filter @ango-hub/consumer-tests --workspace-concurrency=1 exec vitest run
done
