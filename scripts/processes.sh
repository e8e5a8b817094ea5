# Building COM and running its silos in the background, one pid file and log per silo.

write_env() {
  # Quoted for the shell (connection strings are full of semicolons), readable by the owner only.
  (
    umask 077
    [ -f "$DATA/provisioning.token" ] || random_secret 40 > "$DATA/provisioning.token"
    {
      printf 'Com__Database__ConnectionString=%q\n' "$1"
      printf 'Com__Web__CertificatePath=%q\n' "$DATA/certs/com.pfx"
      printf 'Com__Provisioning__Token=%q\n' "$(cat "$DATA/provisioning.token")"
    } > "$DATA/com.env"
  )
}

# Points COM at COM_DB, or at a private PostgreSQL under .data/pg (started here, database `com`).
database_for_app() {
  if [ -n "${COM_DB:-}" ]; then
    write_env "$COM_DB"
    return
  fi
  local server
  server=$(start_private_postgres "$DATA/pg" 55432)
  create_database "$server" com
  write_env "${server/Database=postgres/Database=com}"
  say "PostgreSQL running privately on 127.0.0.1:$(cat "$DATA/pg/port") (data in $(cat "$DATA/pg/datadir"))"
}

publish_app() {
  if [ -f "$APP/Com.Silo.dll" ]; then
    say "building COM (only what changed since the last build)"
  else
    say "building COM (the first build takes a minute)"
  fi
  { dotnet publish "$ROOT/src/Silo/Silo.csproj" -c Release -o "$APP" --nologo -v quiet \
    && dotnet publish "$ROOT/src/Simulator/Simulator.csproj" -c Release -o "$DATA/sim-app" --nologo -v quiet; } >"$LOGS/build.log" 2>&1 \
    || { tail -n 30 "$LOGS/build.log" >&2; die "build failed (log: $LOGS/build.log)"; }
}

silo_running() {
  local pid_file=$RUN/silo-$1.pid
  [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

next_silo_index() {
  local index=1
  while silo_running "$index"; do index=$((index + 1)); done
  echo "$index"
}

# Starts silo number $1 with its web front on HTTPS port $2 and waits until it is ready.
start_silo() {
  local index=$1 web_port=$2 silo_port gateway_port device_port proxy_port relay_port log
  silo_port=$(free_port $((11110 + index)))
  gateway_port=$(free_port $((29999 + index)))
  device_port=$(free_port $((7442 + index)))
  proxy_port=$(free_port $((6442 + index)))
  relay_port=$(free_port $((8442 + index)))
  log=$LOGS/silo-$index.log
  keep_previous_log "$log"
  (
    set -a
    . "$DATA/com.env"
    set +a
    cd "$ROOT"
    export ASPNETCORE_ENVIRONMENT=Production \
      Com__Cluster__SiloPort=$silo_port Com__Cluster__GatewayPort=$gateway_port \
      Com__Cluster__SiloName="$(hostname)-silo-$index" \
      Com__Cluster__AdvertisedAddress="${COM_ADVERTISED_ADDRESS:-127.0.0.1}" \
      Com__Web__Port=$web_port Com__Web__ListenAddress="${COM_LISTEN_ADDRESS:-127.0.0.1}" \
      Com__Devices__Port=$device_port Com__Devices__ListenAddress="${COM_LISTEN_ADDRESS:-127.0.0.1}" \
      Com__RemoteSupport__Port=$proxy_port Com__RemoteSupport__ListenAddress="${COM_LISTEN_ADDRESS:-127.0.0.1}" \
      Com__RemoteSupport__RelayPort=$relay_port
    nohup dotnet "$APP/Com.Silo.dll" >"$log" 2>&1 &
    echo $! > "$RUN/silo-$index.pid"
  )
  echo "$web_port" > "$RUN/silo-$index.port"
  echo "$device_port" > "$RUN/silo-$index.devices"
  say "silo $index starting (silo port $silo_port, gateway $gateway_port, web https://localhost:$web_port/com, devices wss://localhost:$device_port/cpe/link, remote-support proxy $proxy_port, admin relay $relay_port, log $log)"
  wait_ready "$index" "$web_port" || { tail -n 40 "$log" >&2; die "silo $index did not become ready"; }
  say "silo $index ready"
}

# A silo that died under this index left its log: the evidence of why. Moves it aside under the time it was last
# written (silo-1.20250101-120000.log) and keeps the newest few of those per index.
keep_previous_log() {
  local log=$1 stamp kept
  [ -s "$log" ] || return 0
  stamp=$(date -r "$log" +%Y%m%d-%H%M%S)
  kept=${log%.log}.$stamp.log
  [ -e "$kept" ] && kept=${log%.log}.$stamp-$$.log
  mv "$log" "$kept"
  # Newest first; everything past the tenth goes. Names hold no spaces (silo-N.<stamp>.log).
  # shellcheck disable=SC2012
  ls -1t "${log%.log}".*.log 2>/dev/null | tail -n +11 | xargs -r rm -f
}

wait_ready() {
  local index=$1 port=$2 deadline=$((SECONDS + 180))
  while [ $SECONDS -lt $deadline ]; do
    silo_running "$index" || return 1
    curl -skf "https://127.0.0.1:$port/readyz" >/dev/null 2>&1 && return 0
    sleep 1
  done
  return 1
}

stop_all_silos() {
  local pid_file pid
  for pid_file in "$RUN"/sim.pid "$RUN"/silo-*.pid; do
    [ -f "$pid_file" ] || continue
    pid=$(cat "$pid_file")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      # A silo leaves the cluster gracefully within a few seconds; do not leave it half-stopped.
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pid_file" "${pid_file%.pid}.port" "${pid_file%.pid}.devices"
  done
}

# Runs the device simulator against silo 1 with the given options (foreground).
run_simulator() {
  [ -f "$DATA/sim-app/Com.Simulator.dll" ] || publish_app
  exec dotnet "$DATA/sim-app/Com.Simulator.dll" \
    --link "wss://localhost:$(cat "$RUN/silo-1.devices")/cpe/link" \
    --api "https://localhost:$(cat "$RUN/silo-1.port")/com/api" \
    --token "$(cat "$DATA/provisioning.token")" \
    --trust "$DATA/certs/com.crt" \
    --fleet-file "$DATA/sim/fleet.json" "$@"
}

# Plays a demo fleet of $1 customers in the background until ./com down.
start_demo() {
  mkdir -p "$DATA/sim"
  ( run_simulator --customers "$1" --alarm-rate 0.2 >"$LOGS/simulator.log" 2>&1 & echo $! > "$RUN/sim.pid" )
  say "simulating $1 customer systems (log $LOGS/simulator.log)"
}

print_sign_in() {
  local port
  port=$(cat "$RUN/silo-1.port" 2>/dev/null || echo "${COM_WEB_PORT:-7080}")
  say "open https://localhost:$port/com and sign in as 'admin'"
  say "the certificate is self-signed on first start: trust $DATA/certs/com.crt"
  say "provisioning API token for the ordering system: $DATA/provisioning.token"
}

# Creates the first Administrator (password from COM_ADMIN_PASSWORD, else generated and printed once).
ensure_first_admin() {
  ( set -a; . "$DATA/com.env"; set +a; dotnet "$APP/Com.Silo.dll" admin ensure ) | sed 's/^/com: /'
}
