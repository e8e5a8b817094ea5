# A private PostgreSQL instance for COM or its tests, from Debian's packages.
# PostgreSQL refuses to run as root, so as root the instance runs as the `postgres` system user.

pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1; }

# Runs a PostgreSQL server program as the user that owns the instance.
pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The same, inside network namespace $1 when it is not empty.
pg_as_owner_in() {
  local netns=$1
  shift
  if [ -z "$netns" ]; then pg_as_owner "$@"
  elif [ "$(id -u)" -eq 0 ]; then ip netns exec "$netns" runuser -u postgres -- "$@"
  else ip netns exec "$netns" "$@"; fi
}

# Where the instance lives: under .data/ unless the postgres user cannot reach it there (a repo in /root, say).
pg_data_dir() {
  local wanted=$1
  if [ "$(id -u)" -eq 0 ]; then
    mkdir -p "$wanted"
    chown postgres:postgres "$wanted"
    if ! runuser -u postgres -- test -w "$wanted"; then
      wanted=/var/lib/com/$(printf '%s' "$wanted" | md5sum | cut -c1-12)/pg
      mkdir -p "$wanted"
      chown -R postgres:postgres "$(dirname "$wanted")"
    fi
  fi
  echo "$wanted"
}

# Starts (creating on first use) the instance in $1; prints its connection string (database `postgres`).
# The chosen port and password are kept beside it so later runs find the same instance.
# Optional $3/$4: the address to listen on and a network namespace to run in (the benchmark's stand-in for another host).
start_private_postgres() {
  local home=$1 base_port=$2 listen=${3:-127.0.0.1} netns=${4:-} dir bin port password
  mkdir -p "$home"
  dir=$(pg_data_dir "$home/cluster")
  bin=$(pg_bin)
  if [ ! -f "$home/password" ]; then
    random_secret 32 > "$home/password"
    chmod 600 "$home/password"
  fi
  password=$(cat "$home/password")
  if [ ! -f "$dir/PG_VERSION" ]; then
    local pwfile
    pwfile=$(mktemp)
    chmod 600 "$pwfile"
    printf '%s\n' "$password" > "$pwfile"
    # Readable by the instance's owner only: it is the database superuser's password.
    [ "$(id -u)" -eq 0 ] && chown postgres "$pwfile"
    pg_as_owner "$bin/initdb" -D "$dir" -U com --auth=scram-sha-256 --pwfile="$pwfile" -E UTF8 --no-locale >"$home/initdb.log" 2>&1 \
      || { rm -f "$pwfile"; cat "$home/initdb.log" >&2; die "initdb failed"; }
    rm -f "$pwfile"
  fi
  if pg_as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    port=$(cat "$home/port")
  else
    touch "$home/server.log"
    [ "$(id -u)" -eq 0 ] && chown postgres "$home/server.log"
    if [ "$listen" != 127.0.0.1 ] && ! grep -q "^host all all ${listen%.*}.0/24" "$dir/pg_hba.conf"; then
      echo "host all all ${listen%.*}.0/24 scram-sha-256" | pg_as_owner tee -a "$dir/pg_hba.conf" >/dev/null
    fi
    # Another process may take the free port before the server binds it (a CI run once lost the benchmark's
    # server that way); only that cause is tried again, on the next free port, and each try is logged.
    local attempt
    port=$base_port
    for attempt in 1 2 3 4 5; do
      port=$(free_port "$port")
      echo "$port" > "$home/port"
      local log_start
      log_start=$(wc -l < "$home/server.log")
      if pg_as_owner_in "$netns" "$bin/pg_ctl" -D "$dir" -l "$home/server.log" -w -t 60 start \
        -o "-p $port -c listen_addresses=$listen -c unix_socket_directories='' -c max_connections=300" >/dev/null; then
        break
      fi
      if [ "$attempt" -lt 5 ] && tail -n +"$((log_start + 1))" "$home/server.log" | grep -q "Address already in use"; then
        echo "com: port $port was taken before PostgreSQL could bind it; trying the next one" >&2
        port=$((port + 1))
        continue
      fi
      tail -n 20 "$home/server.log" >&2
      die "PostgreSQL did not start"
    done
  fi
  echo "$dir" > "$home/datadir"
  echo "Host=$listen;Port=$port;Username=com;Password=$password;Database=postgres"
}

stop_private_postgres() {
  local home=$1
  [ -f "$home/datadir" ] || return 0
  local dir
  dir=$(cat "$home/datadir")
  pg_as_owner "$(pg_bin)/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
}

# Creates database $2 on the server of connection string $1 when it does not exist yet.
create_database() {
  local connection=$1 name=$2 host port user password
  host=$(conn_value "$connection" Host)
  port=$(conn_value "$connection" Port)
  user=$(conn_value "$connection" Username)
  password=$(conn_value "$connection" Password)
  if ! PGPASSWORD=$password psql -h "$host" -p "$port" -U "$user" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    PGPASSWORD=$password psql -h "$host" -p "$port" -U "$user" -d postgres -qc "CREATE DATABASE \"$name\"" >/dev/null
  fi
}

conn_value() { printf '%s' "$1" | tr ';' '\n' | sed -n "s/^$2=//p" | head -n 1; }
