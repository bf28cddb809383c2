#!/usr/bin/env bash
# `npm test`: makes sure the Temporal binaries are there (a no-op when they are), then runs every
# test under test/ on real servers. Extra arguments go to mocha (for example a single file).
# Test files run MOCHA_JOBS at a time (default 3): most of a file's time is spent waiting on servers,
# timers and child processes, so three files share two cores well; MOCHA_JOBS=1 runs them one by one.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ -z "${TEMPORAL_ADDRESS:-}" ] || [ -z "${TEMPORAL_TEST_SERVER_PATH:-}" ]; then
  bash scripts/provision-temporal.sh
fi
if [ "$#" -eq 0 ]; then set -- 'test/**/*.test.ts'; fi
jobs="${MOCHA_JOBS:-3}"
if ! [[ "$jobs" =~ ^[1-9][0-9]*$ ]]; then
  echo "MOCHA_JOBS must be a positive integer, not '$jobs'" >&2
  exit 2
fi
if [ "$jobs" -gt 1 ]; then set -- --parallel --jobs "$jobs" "$@"; fi
exec npx mocha "$@"
