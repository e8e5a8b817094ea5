#!/usr/bin/env bash
# COM's one entry point: run it, scale it out, test it. `./com help` lists the commands.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DATA=${COM_DATA:-$ROOT/.data}
APP=$DATA/app
RUN=$DATA/run
LOGS=$DATA/logs
# shellcheck source=scripts/lib.sh
. "$ROOT/scripts/lib.sh"
# shellcheck source=scripts/postgres.sh
. "$ROOT/scripts/postgres.sh"
# shellcheck source=scripts/processes.sh
. "$ROOT/scripts/processes.sh"
# shellcheck source=scripts/bench.sh
. "$ROOT/scripts/bench.sh"

usage() {
  cat <<'EOF'
Usage: ./com <command>

  up        install what is missing, start PostgreSQL (unless COM_DB is set), one silo and the web front;
            --demo N also plays N simulated customer systems until ./com down
  down      stop what `up` and `silo` started (data stays in .data/)
  silo      start one more silo against the same database (scale out)
  sim       play customer systems against the running COM (./com sim --help for options)
  status    print the cluster's silos (uptime, grain calls per second, activations) and customers by light
  test      install test dependencies and run every test; the last line is the total;
            --fast runs the quick tier only (no silo processes, no browser, no bench smoke)
  bench     run a scale benchmark scenario (./com bench help); results go to docs/benchmarks.md
  help      this text

Environment:
  COM_DB              Npgsql connection string of an existing database (no private PostgreSQL then)
  COM_ADMIN_PASSWORD  password of the first Administrator (generated and printed once when unset)
  COM_WEB_PORT        HTTPS port of the first silo's web front (default 7080)
  COM_LISTEN_ADDRESS  address the web front binds to (default 127.0.0.1)
  COM_ADVERTISED_ADDRESS  address other silos reach this silo on (default 127.0.0.1)
EOF
}

cmd_up() {
  local demo=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --demo) demo=${2:?--demo needs a number of customers}; shift 2 ;;
      *) die "unknown option $1 (./com help)" ;;
    esac
  done
  ensure_packages postgresql curl
  mkdir -p "$RUN" "$LOGS"
  if silo_running 1; then
    say "COM is already running."
  else
    database_for_app
    publish_app
    start_silo 1 "${COM_WEB_PORT:-7080}"
    ensure_first_admin
  fi
  if [ "$demo" -gt 0 ] && ! { [ -f "$RUN/sim.pid" ] && kill -0 "$(cat "$RUN/sim.pid")" 2>/dev/null; }; then
    start_demo "$demo"
  fi
  print_sign_in
}

cmd_sim() {
  silo_running 1 || die "COM is not running: ./com up first."
  # A subshell, because run_simulator replaces its shell with the simulator.
  ( run_simulator "$@" )
}

cmd_silo() {
  [ -f "$DATA/com.env" ] || [ -n "${COM_DB:-}" ] || die "No database yet: run ./com up first, or set COM_DB to the cluster's database."
  mkdir -p "$RUN" "$LOGS"
  [ -n "${COM_DB:-}" ] && write_env "$COM_DB"
  [ -f "$APP/Com.Silo.dll" ] || publish_app
  local index
  index=$(next_silo_index)
  start_silo "$index" "$(free_port $((7080 + index - 1)))"
}

cmd_down() {
  stop_all_silos
  stop_private_postgres "$DATA/pg"
  say "COM stopped; data kept in $DATA."
}

cmd_status() {
  [ -f "$DATA/com.env" ] || die "COM has not been set up here: run ./com up."
  [ -f "$APP/Com.Silo.dll" ] || publish_app
  ( set -a; . "$DATA/com.env"; set +a; dotnet "$APP/Com.Silo.dll" status )
}

cmd_test() {
  # chromium: Debian's browser, driven headless by the Playwright tests. The remote-support tests go through the
  # clients support staff use (proxytunnel, OpenSSH's ssh and scp) to a real sshd.
  ensure_packages postgresql curl chromium proxytunnel openssh-client:ssh openssh-server:/usr/sbin/sshd
  "$ROOT/scripts/test.sh" "$@"
}

case "${1:-help}" in
  up) shift; cmd_up "$@" ;;
  down) cmd_down ;;
  silo) cmd_silo ;;
  sim) shift; cmd_sim "$@" ;;
  status) cmd_status ;;
  test) shift; cmd_test "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  help|-h|--help) usage ;;
  *) usage; exit 2 ;;
esac
