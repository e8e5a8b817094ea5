# Small helpers shared by ./com and the scripts it runs.

say() { printf 'com: %s\n' "$*"; }
die() { printf 'com: %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the Debian packages named, when a command they provide is missing.
# Each argument is package[:command]; the command defaults to the package name.
ensure_packages() {
  local missing=() spec package command
  for spec in "$@"; do
    package=${spec%%:*}
    command=${spec#*:}
    case "$package" in
      postgresql) ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=("$package") ;;
      *) command -v "$command" >/dev/null 2>&1 || missing+=("$package") ;;
    esac
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]} (Debian packages)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# A port is in use when something listens on it, or when any live socket (an outgoing connection's local end, say)
# holds it: binding a server there would fail with "address already in use" (seen with the benchmark's PostgreSQL).
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
  command -v ss >/dev/null 2>&1 || return 1
  [ -n "$(ss -Htan "( sport = :$1 )" 2>/dev/null | grep -v TIME-WAIT)" ]
}

# Prints the first port at or above $1 that nothing listens on or holds.
free_port() {
  local port=$1
  while port_in_use "$port"; do port=$((port + 1)); done
  echo "$port"
}

random_secret() { head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c "${1:-24}"; }
