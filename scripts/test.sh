#!/usr/bin/env bash
# Runs every test project against a private PostgreSQL; the last line is the total over all of them.
# --fast runs the quick tier only: tests of Category Unit and Cluster (in-process Orleans and PostgreSQL), leaving out
# those that start silo processes or chromium, and the bench smoke check. Other arguments go to dotnet test.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA=${COM_DATA:-$ROOT/.data}
. "$ROOT/scripts/lib.sh"
. "$ROOT/scripts/postgres.sh"

fast=false
passthrough=()
for arg in "$@"; do
  case "$arg" in
    --fast) fast=true ;;
    *) passthrough+=("$arg") ;;
  esac
done
tiers=()
if $fast; then
  # Excluding rather than including, so a class that lacks its trait still runs (and TestTiersTests names it).
  tiers=(--filter-not-trait "Category=Process" --filter-not-trait "Category=Browser")
fi

home=$DATA/test-pg
results=$DATA/test-results
server=$(start_private_postgres "$home" 26432)
trap 'stop_private_postgres "$home"' EXIT
export COM_TEST_DB=$server

rm -rf "$results"
set +e
dotnet test --solution "$ROOT/Com.sln" -c Release --results-directory "$results" --report-xunit-trx --no-progress "${tiers[@]}" "${passthrough[@]}"
status=$?
set -e

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(printf '%s' "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
  f=$(printf '%s' "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
# The run's own output is long and a reader may see only its tail: name each failed test and its message here.
# A trx holds many elements on one line, so each element is put on a line of its own first.
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  sed 's/></>\n</g' "$trx" | awk '
    /<UnitTestResult / && /outcome="Failed"/ {
      match($0, /testName="[^"]*"/); print "FAILED " substr($0, RSTART + 10, RLENGTH - 11); inside = 1; shown = 0 }
    inside && /<Message>/ { message = 1; sub(/.*<Message>/, "") }
    inside && message && shown < 15 { line = $0; sub(/<\/Message>.*/, "", line); print "  " line; shown++ }
    inside && /<\/Message>/ { message = 0; inside = 0 }
  '
done
# The scale benchmark's harness, at its smallest: a check that it still works, not a measurement (bench/README.md).
# Its PostgreSQL is separate from the tests' one, so it runs after them and counts as one test. Not part of --fast.
if $fast; then
  :
elif "$ROOT/com" bench smoke >"$DATA/bench-smoke.log" 2>&1; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "bench smoke failed; last lines of $DATA/bench-smoke.log:"
  tail -n 30 "$DATA/bench-smoke.log"
fi
# A build error or a crashed test host leaves no counts: never report that as green.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
