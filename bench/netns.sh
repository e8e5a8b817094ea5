#!/usr/bin/env bash
# Network namespaces standing in for separate machines in the benchmark: com-pg, com-silo1..3 and com-sim, each with
# its own network stack and address, joined by the bridge combr0 on 10.77.0.0/24 (the host side is 10.77.0.1).
#   up <work-dir>    create them, start a PostgreSQL inside com-pg, print its connection string
#   down <work-dir>  stop that PostgreSQL and remove the namespaces
# On real machines the same layout is: PostgreSQL on one host, `./com silo` on each silo host with
# COM_ADVERTISED_ADDRESS and COM_LISTEN_ADDRESS set to that host's address, and the simulator anywhere (docs/operations.md).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA=${2:?usage: netns.sh up|down <work-dir>}
. "$ROOT/scripts/lib.sh"
. "$ROOT/scripts/postgres.sh"

HOSTS=(com-pg:10 com-silo1:11 com-silo2:12 com-silo3:13 com-sim:20)

up() {
  ip link show combr0 >/dev/null 2>&1 || ip link add combr0 type bridge
  ip addr show dev combr0 | grep -q 10.77.0.1/24 || ip addr add 10.77.0.1/24 dev combr0
  ip link set combr0 up
  local entry ns n
  for entry in "${HOSTS[@]}"; do
    ns=${entry%%:*}
    n=${entry#*:}
    ip netns list | grep -qw "$ns" || ip netns add "$ns"
    if ! ip link show "cb-$n" >/dev/null 2>&1; then
      ip link add "cb-$n" type veth peer name eth0 netns "$ns"
      ip link set "cb-$n" master combr0 up
      ip netns exec "$ns" ip addr add "10.77.0.$n/24" dev eth0
      ip netns exec "$ns" ip link set eth0 up
      ip netns exec "$ns" ip link set lo up
    fi
  done
  start_private_postgres "$DATA/pg-netns" 5432 10.77.0.10 com-pg
}

down() {
  stop_private_postgres "$DATA/pg-netns"
  local entry
  for entry in "${HOSTS[@]}"; do
    ip link del "cb-${entry#*:}" 2>/dev/null || true
    ip netns del "${entry%%:*}" 2>/dev/null || true
  done
  ip link del combr0 2>/dev/null || true
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: netns.sh up|down <work-dir>" >&2; exit 2 ;;
esac
