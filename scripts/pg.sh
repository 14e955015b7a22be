#!/usr/bin/env bash
# Throwaway PostgreSQL 15 cluster for tests and benchmarks: free local port, temporary directory,
# unprivileged user, no system service. Superuser `maillage` (so tests can CREATE EXTENSION), trust auth.
#
#   scripts/pg.sh run -- CMD ARGS…   start a cluster, run CMD with DATABASE_URL set, stop and remove the
#                                     cluster whatever happens; exits with CMD's status.
#   scripts/pg.sh start DIR           start a cluster in DIR (created, must not exist or be empty);
#                                     prints the DATABASE_URL on stdout, logs on stderr.
#   scripts/pg.sh stop DIR            stop the cluster in DIR and remove DIR.
#
# As root the cluster runs as the system user `maillage-pg` (created when missing; `nobody` if useradd
# fails); otherwise as the current user. Environment: PG_BINDIR overrides where initdb/pg_ctl are found.
set -euo pipefail
shopt -s inherit_errexit

PG_DB=maillage
PG_USER=maillage

log() { echo "[pg] $*" >&2; }

pg_bindir() {
  if [ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/initdb" ]; then
    echo "$PG_BINDIR"
    return 0
  fi
  if [ -x /usr/lib/postgresql/15/bin/initdb ]; then
    echo /usr/lib/postgresql/15/bin
    return 0
  fi
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir 2>/dev/null || true)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
      echo "$dir"
      return 0
    fi
  fi
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ]; then
      echo "$dir"
      return 0
    fi
  done
  log "PostgreSQL introuvable (ni /usr/lib/postgresql/15/bin, ni pg_config --bindir) : installez postgresql-15."
  return 1
}

# The account that owns and runs the cluster.
pg_owner() {
  if [ "$(id -u)" != 0 ]; then
    id -un
    return 0
  fi
  if ! id maillage-pg >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin maillage-pg \
      >/dev/null 2>&1 || true
  fi
  if id maillage-pg >/dev/null 2>&1; then
    echo maillage-pg
  else
    echo nobody
  fi
}

# Run a command as the cluster owner (directly when we already are that user).
as_owner() {
  local owner=$1
  shift
  if [ "$(id -un)" = "$owner" ]; then
    "$@"
  else
    runuser -u "$owner" -- "$@"
  fi
}

free_port() {
  python3 - <<'EOF'
import socket

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
EOF
}

cmd_start() {
  local dir=$1
  local bindir owner port attempt
  bindir=$(pg_bindir)
  owner=$(pg_owner)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  # The owner must reach the directory: every parent must be traversable.
  chmod 755 "$dir"
  mkdir -p "$dir/data" "$dir/socket"
  chmod 700 "$dir/data"
  if [ "$(id -u)" = 0 ]; then
    chown "$owner" "$dir" "$dir/data" "$dir/socket"
    if ! runuser -u "$owner" -- test -w "$dir/data"; then
      log "$owner ne peut pas écrire dans $dir/data (un dossier parent lui est fermé ?) : choisissez un TMPDIR ouvert, p. ex. /tmp"
      return 1
    fi
  fi
  log "initdb ($owner, $bindir)"
  (cd "$dir" && as_owner "$owner" "$bindir/initdb" -D "$dir/data" -U "$PG_USER" --auth=trust \
    -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1) || {
    cat "$dir/initdb.log" >&2
    return 1
  }
  # A free port may be taken between the probe and the start: try a few.
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if (cd "$dir" && as_owner "$owner" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir/socket -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null 2>&1); then
      echo "$port" >"$dir/port"
      break
    fi
    log "échec du démarrage sur le port $port (tentative $attempt)"
    tail -n 5 "$dir/server.log" >&2 2>/dev/null || true
    port=""
  done
  if [ -z "$port" ]; then
    log "impossible de démarrer PostgreSQL"
    return 1
  fi
  (cd "$dir" && as_owner "$owner" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$PG_USER" "$PG_DB")
  log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') prêt sur 127.0.0.1:$port (dossier $dir)"
  echo "postgres://$PG_USER@127.0.0.1:$port/$PG_DB"
}

cmd_stop() {
  local dir=$1
  [ -d "$dir" ] || return 0
  local bindir owner
  if [ -f "$dir/data/postmaster.pid" ]; then
    bindir=$(pg_bindir)
    owner=$(stat -c %U "$dir/data")
    (cd "$dir" && as_owner "$owner" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop \
      >/dev/null 2>&1) || {
      # Last resort: the postmaster's own pid, read from its pid file.
      local pid
      pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
      if [ -n "$pid" ]; then kill -9 "$pid" 2>/dev/null || true; fi
    }
    log "PostgreSQL arrêté"
  fi
  rm -rf "$dir"
}

cmd_run() {
  [ "${1:-}" = "--" ] && shift
  [ $# -gt 0 ] || {
    echo "usage: scripts/pg.sh run -- CMD ARGS…" >&2
    return 2
  }
  local dir url status
  dir=$(mktemp -d "${TMPDIR:-/tmp}/maillage-pg.XXXXXX")
  # shellcheck disable=SC2064
  trap "cmd_stop '$dir'" EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  url=$(cmd_start "$dir")
  status=0
  DATABASE_URL="$url" "$@" || status=$?
  return "$status"
}

case "${1:-}" in
  run)
    shift
    cmd_run "$@"
    ;;
  start)
    [ $# -eq 2 ] || {
      echo "usage: scripts/pg.sh start DIR" >&2
      exit 2
    }
    cmd_start "$2"
    ;;
  stop)
    [ $# -eq 2 ] || {
      echo "usage: scripts/pg.sh stop DIR" >&2
      exit 2
    }
    cmd_stop "$2"
    ;;
  *)
    sed -n '2,12p' "$0" >&2
    exit 2
    ;;
esac
