#!/usr/bin/env bash
# `npm test`: makes sure the Temporal binaries are there (a no-op when they are), then runs every
# test under test/ on real servers. Extra arguments go to mocha (for example a single file).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ -z "${TEMPORAL_ADDRESS:-}" ] || [ -z "${TEMPORAL_TEST_SERVER_PATH:-}" ]; then
  bash scripts/provision-temporal.sh
fi
if [ "$#" -eq 0 ]; then set -- 'test/**/*.test.ts'; fi
exec npx mocha "$@"
