# ./com bench <scenario>: the scale benchmark (bench/README.md). Builds COM, the simulator and the harness, starts the
# benchmark's own PostgreSQL (and, across hosts, the network namespaces), and runs the harness, which appends its
# table to docs/benchmarks.md.

cmd_bench() {
  local scenario=${1:-}
  [ -n "$scenario" ] && [ "$scenario" != help ] || { dotnet_harness_usage; return 2; }
  ensure_packages postgresql curl
  # customer-list drives Debian's chromium (smoke skips that part when it is missing).
  case "$scenario" in customer-list|all) ensure_packages chromium ;; esac
  # tunnels compares COM's proxy with the tools support staff would use otherwise, on real traffic from iperf3.
  case "$scenario" in tunnels) ensure_packages iperf3 stunnel4:stunnel openssl proxytunnel openssh-client:ssh openssh-server:/usr/sbin/sshd ;; esac
  mkdir -p "$DATA/bench" "$LOGS"
  say "building COM, the simulator and the benchmark harness"
  { dotnet build "$ROOT/src/Silo/Silo.csproj" -c Release --nologo -v quiet \
    && dotnet build "$ROOT/src/Simulator/Simulator.csproj" -c Release --nologo -v quiet \
    && dotnet build "$ROOT/bench/Harness/Harness.csproj" -c Release --nologo -v quiet; } >"$LOGS/bench-build.log" 2>&1 \
    || { tail -n 30 "$LOGS/bench-build.log" >&2; die "build failed (log: $LOGS/bench-build.log)"; }

  BENCH_PG=$DATA/bench/pg
  local server across=""
  server=$(start_private_postgres "$BENCH_PG" 26532)
  trap bench_cleanup EXIT
  case "$scenario" in
    all|across-hosts)
      ensure_packages iproute2:ip
      BENCH_NETNS=1
      across=$("$ROOT/bench/netns.sh" up "$DATA/bench")
      ;;
  esac
  # Thousands of sockets per process, in the silos and in the simulator.
  ulimit -n 200000 2>/dev/null || ulimit -n "$(ulimit -Hn)"

  COM_BENCH_DB="$server" \
  COM_BENCH_DB_ACROSS="$across" \
  COM_BENCH_PGDATA="$(cat "$BENCH_PG/datadir")" \
  COM_BENCH_APP="$ROOT/src/Silo/bin/Release/net10.0" \
  COM_BENCH_SIM="$ROOT/src/Simulator/bin/Release/net10.0" \
  COM_BENCH_DATA="$DATA/bench" \
  COM_BENCH_REPORT="$ROOT/docs/benchmarks.md" \
    dotnet "$ROOT/bench/Harness/bin/Release/net10.0/Com.Harness.dll" "$@"
}

# Globals, because the EXIT trap runs after cmd_bench's locals are gone.
BENCH_PG=""
BENCH_NETNS=""
bench_cleanup() {
  [ -z "$BENCH_PG" ] || stop_private_postgres "$BENCH_PG"
  [ -z "$BENCH_NETNS" ] || "$ROOT/bench/netns.sh" down "$DATA/bench"
}

dotnet_harness_usage() {
  cat <<'USAGE'
Usage: ./com bench <scenario> [--customers 1000,10000] [--runs 3] [--steady-seconds 300] [--backup-size 1M] [--chunk-average 64K]
Scenarios: all, smoke, connect-storm, steady-state, alarm-storm, directory-query, failover, across-hosts, customer-list, provisioning,
           backup-store, backup-stream, nightly, tunnels
(bench/README.md explains each one and what it measures)
USAGE
}
