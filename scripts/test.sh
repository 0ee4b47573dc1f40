#!/usr/bin/env bash
# Runs every Waypoint test: unit tests, integration tests on SQLite and on a real PostgreSQL server, and browser
# tests in real headless Chromium. Installs and starts PostgreSQL and Chromium (Debian packages) when missing.
# Ends with one line: "N passed, N failed, N skipped". Exit code 0 only when nothing failed.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
OUT="$ROOT/.test-output"
rm -rf "$OUT"
mkdir -p "$OUT"

log() { printf '\n=== %s\n' "$*"; }

APT_UPDATED=0
apt_install() {
  if [ "$(id -u)" != "0" ]; then
    echo "Need '$*' but not running as root: install it, then run again." >&2
    return 1
  fi
  if [ "$APT_UPDATED" = 0 ]; then
    apt-get update -qq || return 1
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || return 1
}

# --- PostgreSQL: a local server with a 'waypoint' role, unless WAYPOINT_TEST_PG points elsewhere.
ensure_postgres() {
  if [ -n "${WAYPOINT_TEST_PG:-}" ]; then
    return 0
  fi
  if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
    log "Installing PostgreSQL"
    apt_install postgresql || return 1
  fi
  local version
  version="$(pg_lsclusters -h | awk 'NR==1 {print $1}')"
  if ! pg_lsclusters -h | awk 'NR==1 {print $4}' | grep -q online; then
    log "Starting PostgreSQL $version"
    pg_ctlcluster "$version" main start || return 1
  fi
  for _ in $(seq 1 30); do
    su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
    sleep 1
  done
  su postgres -c "psql -qtAc \"select 1 from pg_roles where rolname='waypoint'\"" | grep -q 1 ||
    su postgres -c "psql -qc \"create role waypoint login createdb superuser password 'waypoint'\"" >/dev/null || return 1
  export WAYPOINT_TEST_PG="Host=127.0.0.1;Port=5432;Username=waypoint;Password=waypoint;Database=postgres"
}

ensure_chromium() {
  export WAYPOINT_CHROMIUM="${WAYPOINT_CHROMIUM:-/usr/bin/chromium}"
  if [ ! -x "$WAYPOINT_CHROMIUM" ]; then
    log "Installing Chromium"
    apt_install chromium || return 1
  fi
}

SETUP_FAILED=0
ensure_postgres || { echo "PostgreSQL could not be installed or started." >&2; SETUP_FAILED=1; }
ensure_chromium || { echo "Chromium could not be installed." >&2; SETUP_FAILED=1; }

log "Building"
if ! dotnet build Waypoint.slnx -nologo -clp:ErrorsOnly 2>&1 | tee "$OUT/build.log"; then
  echo "0 passed, 1 failed"
  exit 1
fi
if grep -qE ' error [A-Z]+[0-9]+' "$OUT/build.log"; then
  echo "0 passed, 1 failed"
  exit 1
fi

PASSED=0; FAILED=0; SKIPPED=0

# run NAME PROJECT [ENV=VALUE...]: runs one test project and adds its TRX counters to the totals.
run() {
  local name="$1" project="$2"; shift 2
  log "Tests: $name"
  env "$@" dotnet test "$project" --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$OUT" 2>&1 | tee "$OUT/$name.log" | grep -vE '^\s*$'
  local trx="$OUT/$name.trx"
  if [ ! -f "$trx" ]; then
    echo "No results from $name: counted as one failure." >&2
    FAILED=$((FAILED + 1))
    return
  fi
  local counters total executed passed failed
  counters="$(grep -o '<Counters [^>]*>' "$trx")"
  total="$(sed -E 's/.* total="([0-9]+)".*/\1/' <<<"$counters")"
  executed="$(sed -E 's/.* executed="([0-9]+)".*/\1/' <<<"$counters")"
  passed="$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")"
  failed="$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")"
  local errors
  errors="$(sed -E 's/.* error="([0-9]+)".*/\1/' <<<"$counters")"
  PASSED=$((PASSED + passed))
  FAILED=$((FAILED + failed + errors))
  SKIPPED=$((SKIPPED + total - executed))
  if [ "$total" = 0 ]; then
    echo "$name ran no test: counted as one failure." >&2
    FAILED=$((FAILED + 1))
  fi
}

run unit tests/Waypoint.UnitTests
run integration-sqlite tests/Waypoint.IntegrationTests WAYPOINT_TEST_DB=sqlite
if [ "$SETUP_FAILED" = 0 ]; then
  run integration-postgres tests/Waypoint.IntegrationTests WAYPOINT_TEST_DB=postgres
  run browser tests/Waypoint.BrowserTests
else
  FAILED=$((FAILED + 1))
fi

log "Summary (results in .test-output/)"
echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
[ "$FAILED" = 0 ]
