#!/usr/bin/env bash
# Starts PostgreSQL and Redis for Stretchboard's multi-node mode and its tests, on loopback only,
# with their data under data/services/ (git-ignored). Installs the Debian packages first when
# the binaries are missing. Idempotent: a second run finds them running and only prints the URLs.
#
#   eval "$(scripts/services.sh)"        # start (default) and export DATABASE_URL / REDIS_URL
#   scripts/services.sh env|status|stop
#
# Settings: STRETCHBOARD_SERVICES_DIR (default <repo>/data/services), STRETCHBOARD_PG_PORT,
# STRETCHBOARD_REDIS_PORT. Without a port setting each checkout takes the first free port from
# 54329 / 63799 and keeps it (data/services/*.port), so a system-wide server on 5432/6379 is
# never touched and a second checkout on the same machine (CI's fresh clone beside a
# developer's) never collides with the first. Logs go to stderr; stdout carries only exports.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=${STRETCHBOARD_SERVICES_DIR:-$ROOT/data/services}
PG_PORT=
REDIS_PORT=
REDIS_DIR=$DIR/redis
PG_USER=stretchboard
PG_DB=stretchboard

log() { echo "services: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
    echo "$dir"
  elif command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
  fi
}

install_missing() {
  local packages=()
  [ -n "$(pg_bin)" ] || packages+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
  [ ${#packages[@]} -eq 0 ] && return
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    sudo -n true 2>/dev/null || die "need root (or passwordless sudo) to apt-get install ${packages[*]}"
    sudo=(sudo -n)
  fi
  command -v apt-get >/dev/null 2>&1 || die "install ${packages[*]} by hand: no apt-get here"
  log "installing ${packages[*]} (apt-get)…"
  # The lock timeout lets this wait for another apt-get (a colleague, unattended upgrades).
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
    --no-install-recommends "${packages[@]}" >&2
}

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# choose_port NAME DEFAULT EXPLICIT: the explicit port, else the one saved for this checkout,
# else the first free one from DEFAULT (then saved).
choose_port() {
  local name=$1 port=$2 explicit=$3 file="$DIR/$1.port"
  if [ -n "$explicit" ]; then
    echo "$explicit"
  elif [ -s "$file" ]; then
    cat "$file"
  else
    local last=$((port + 100))
    while listening "$port"; do
      port=$((port + 1))
      [ "$port" -lt "$last" ] || die "no free port for $name below $last"
    done
    echo "$port" >"$file"
    echo "$port"
  fi
}

# The saved port of a stopped service may have been taken meanwhile by someone else's server.
repick_if_taken() {
  local name=$1 default=$2 explicit=$3 port=$4
  if listening "$port"; then
    [ -z "$explicit" ] || die "port $port for $name is taken by another server"
    rm -f "$DIR/$name.port"
    choose_port "$name" "$default" ""
  else
    echo "$port"
  fi
}

# Our running servers answer for their ports: PostgreSQL's postmaster.pid names it, and Redis
# answering our password proves it is ours. Only otherwise is a port chosen.
ports() {
  if [ -n "${BIN:-}" ] && pg_running; then
    PG_PORT=$(sed -n 4p "$PGDATA/postmaster.pid")
    echo "$PG_PORT" >"$DIR/postgres.port"
  else
    PG_PORT=$(choose_port postgres 54329 "${STRETCHBOARD_PG_PORT:-}")
  fi
  REDIS_PORT=${STRETCHBOARD_REDIS_PORT:-$(cat "$DIR/redis.port" 2>/dev/null || echo 63799)}
  if command -v redis-cli >/dev/null 2>&1 && redis_ping; then
    echo "$REDIS_PORT" >"$DIR/redis.port"
  else
    REDIS_PORT=$(choose_port redis 63799 "${STRETCHBOARD_REDIS_PORT:-}")
  fi
}

# PostgreSQL refuses to run as root; as root we run it as the package's 'postgres' user.
as_pg() {
  # From /, since the caller's folder may be out of postgres's reach (paths here are absolute).
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

secret() {
  local file=$1
  if [ ! -s "$file" ]; then
    (umask 077 && head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' >"$file")
  fi
  cat "$file"
}

# As root, PostgreSQL runs as 'postgres', which must reach its data folder. A checkout under a
# private folder (mktemp -d is 0700) is out of its reach; then the cluster lives in postgres's
# home instead, one per checkout, and we say so.
resolve_pgdata() {
  PGDATA=$DIR/postgres
  if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$DIR" 2>/dev/null; then
    PGDATA=/var/lib/postgresql/stretchboard-$(printf '%s' "$DIR" | sha256sum | cut -c1-12)
    log "user postgres cannot reach $DIR; PostgreSQL data goes to $PGDATA"
  fi
  PG_LOG=$PGDATA.log
}

pg_running() { [ -f "$PGDATA/postmaster.pid" ] && as_pg "$BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; }

start_postgres() {
  local password
  password=$(secret "$DIR/postgres.password")
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    log "initialising PostgreSQL in $PGDATA"
    # Without PG_VERSION the folder holds no cluster, only leftovers of a failed initdb.
    rm -rf "$PGDATA"
    mkdir -p "$PGDATA"
    local pwfile="$PGDATA.pwfile"
    (umask 077 && printf '%s' "$password" >"$pwfile")
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGDATA" "$pwfile"; fi
    chmod 700 "$PGDATA"
    as_pg "$BIN/initdb" -D "$PGDATA" -U "$PG_USER" --pwfile="$pwfile" -E UTF8 --no-locale \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 >"$DIR/initdb.log" 2>&1 ||
      die "initdb failed, see $DIR/initdb.log"
    rm -f "$pwfile"
    # Loopback only, and no unix socket: its default folder may not exist or be writable here.
    printf "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n" >>"$PGDATA/postgresql.conf"
  fi
  if pg_running; then
    log "PostgreSQL already running ($PGDATA)"
  else
    PG_PORT=$(repick_if_taken postgres 54329 "${STRETCHBOARD_PG_PORT:-}" "$PG_PORT")
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    if [ "$(id -u)" = 0 ]; then touch "$PG_LOG" && chown postgres "$PG_LOG"; fi
    as_pg "$BIN/pg_ctl" -D "$PGDATA" -l "$PG_LOG" -w -t 60 -o "-p $PG_PORT" start >&2 ||
      die "PostgreSQL did not start (port $PG_PORT taken?), see $PG_LOG"
  fi
  local exists
  exists=$(PGPASSWORD=$password "$BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres \
    -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'") ||
    die "cannot connect to PostgreSQL on 127.0.0.1:$PG_PORT (another server on that port?)"
  if [ "$exists" != 1 ]; then
    PGPASSWORD=$password "$BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "$PG_DB"
  fi
}

redis_ping() {
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" --no-auth-warning -a "$(secret "$DIR/redis.password")" \
    ping 2>/dev/null | grep -q PONG
}

start_redis() {
  local password
  password=$(secret "$DIR/redis.password")
  mkdir -p "$REDIS_DIR"
  if redis_ping; then
    log "Redis already running on 127.0.0.1:$REDIS_PORT"
    return
  fi
  REDIS_PORT=$(repick_if_taken redis 63799 "${STRETCHBOARD_REDIS_PORT:-}" "$REDIS_PORT")
  log "starting Redis on 127.0.0.1:$REDIS_PORT"
  # Fan-out state is transient (nodes resync from PostgreSQL), so Redis persists nothing.
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$REDIS_DIR" --daemonize yes \
    --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" --requirepass "$password" \
    --save '' --appendonly no >&2
  for _ in $(seq 1 100); do
    redis_ping && return
    sleep 0.1
  done
  die "Redis did not answer on 127.0.0.1:$REDIS_PORT (port taken?), see $REDIS_DIR/redis.log"
}

print_env() {
  echo "export DATABASE_URL=postgres://$PG_USER:$(secret "$DIR/postgres.password")@127.0.0.1:$PG_PORT/$PG_DB"
  echo "export REDIS_URL=redis://:$(secret "$DIR/redis.password")@127.0.0.1:$REDIS_PORT"
}

command=${1:-start}
mkdir -p "$DIR"
case $command in
  start)
    install_missing
    BIN=$(pg_bin)
    resolve_pgdata
    ports
    start_postgres
    start_redis
    print_env
    ;;
  env)
    BIN=$(pg_bin)
    resolve_pgdata
    ports
    print_env
    ;;
  status)
    BIN=$(pg_bin)
    resolve_pgdata
    ports
    if [ -n "$BIN" ] && pg_running; then log "PostgreSQL: running"; else log "PostgreSQL: stopped"; fi
    if command -v redis-cli >/dev/null 2>&1 && redis_ping; then log "Redis: running"; else log "Redis: stopped"; fi
    ;;
  stop)
    BIN=$(pg_bin)
    resolve_pgdata
    ports
    if [ -n "$BIN" ] && pg_running; then as_pg "$BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >&2; fi
    if command -v redis-cli >/dev/null 2>&1 && redis_ping; then
      redis-cli -h 127.0.0.1 -p "$REDIS_PORT" --no-auth-warning -a "$(secret "$DIR/redis.password")" \
        shutdown nosave >&2 || true
    fi
    log "stopped"
    ;;
  *)
    die "usage: $0 [start|env|status|stop]"
    ;;
esac
