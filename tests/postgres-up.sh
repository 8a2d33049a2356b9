#!/usr/bin/env bash
# Starts a local PostgreSQL for the CarePathway tests and prints the admin connection string.
# Idempotent: installs PostgreSQL only if missing, starts the cluster only if it is down, and
# creates the test role only if it does not exist. Used by .ci/run; developers can run it too:
#
#   eval "$(tests/postgres-up.sh --export)"    # sets CAREPATHWAY_TEST_POSTGRES in this shell
#
# PostgreSQL refuses to run as root, so the server runs as the `postgres` system user
# (Debian's pg_ctlcluster does that by itself; the fallback uses runuser).
set -euo pipefail

PG_PORT="${CAREPATHWAY_PG_PORT:-5432}"
PG_ROLE="${CAREPATHWAY_PG_ROLE:-carepathway}"
PG_PASSWORD="${CAREPATHWAY_PG_PASSWORD:-carepathway}"

log() { echo "postgres-up: $*" >&2; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

as_postgres() {
  if [ "$(id -un)" = "postgres" ]; then
    "$@"
  elif [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    sudo -u postgres -- "$@"
  fi
}

find_pg_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/postgres" ] && [ -x "$dir/initdb" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

# Callers `eval` this script's stdout, so everything but the final line goes to stderr
# (apt-get, pg_ctlcluster's "Removed stale pid file.", psql). The started server inherits only
# stderr, so a caller's $(...) is not held open by the daemon.
bring_up() {
  # 1. Install PostgreSQL when this machine lacks Debian's server package.
  if ! find_pg_bindir >/dev/null || ! command -v psql >/dev/null; then
    log "installing postgresql (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq postgresql >/dev/null
  fi
  PG_BIN="$(find_pg_bindir)"
  PG_VERSION="$(basename "$(dirname "$PG_BIN")")"

  is_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; }

  # 2. Start a server unless one already answers on the port.
  if is_ready; then
    log "already running on port $PG_PORT"
  elif command -v pg_ctlcluster >/dev/null && command -v pg_lsclusters >/dev/null; then
    cluster="$(pg_lsclusters -h 2>/dev/null | awk -v p="$PG_PORT" '$3 == p { print $1 " " $2; exit }')"
    if [ -z "$cluster" ]; then
      log "creating cluster $PG_VERSION/carepathway on port $PG_PORT"
      $SUDO pg_createcluster "$PG_VERSION" carepathway --port "$PG_PORT" >/dev/null
      cluster="$PG_VERSION carepathway"
    fi
    # shellcheck disable=SC2086
    log "starting cluster $cluster"
    # pg_ctlcluster run as root starts the server as the cluster's owner (postgres).
    $SUDO pg_ctlcluster $cluster start || true
  else
    # No Debian wrapper scripts: a private data directory owned by postgres.
    data="/var/lib/postgresql/carepathway-$PG_VERSION"
    if [ ! -s "$data/PG_VERSION" ]; then
      $SUDO mkdir -p "$data"
      $SUDO chown postgres:postgres "$data"
      as_postgres "$PG_BIN/initdb" -D "$data" -U postgres --auth-local=peer --auth-host=scram-sha-256 >/dev/null
    fi
    as_postgres "$PG_BIN/pg_ctl" -D "$data" -o "-p $PG_PORT -k /tmp" -l "$data/server.log" -w start >/dev/null
  fi

  for _ in $(seq 1 60); do
    if is_ready; then break; fi
    sleep 1
  done
  if ! is_ready; then
    log "PostgreSQL did not become ready on port $PG_PORT"
    exit 1
  fi

  # 3. The test role: may create and drop the per-test-class databases. A test's DROP DATABASE ... WITH (FORCE) ends
  #    every session on it, and one may be the server's own (an autovacuum worker, the bootstrap superuser's): without
  #    pg_signal_backend that drop fails ("must be a member of the role whose process is being terminated").
  sql="DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') THEN
      CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
    ELSE
      ALTER ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
    END IF;
  END \$\$;
  GRANT pg_signal_backend TO $PG_ROLE;"
  if ! as_postgres psql -q -X -p "$PG_PORT" -d postgres -c "$sql" >/dev/null 2>&1; then
    # Socket may live in /tmp (fallback cluster) rather than /var/run/postgresql.
    as_postgres psql -q -X -h /tmp -p "$PG_PORT" -d postgres -c "$sql" >/dev/null
  fi
}
bring_up >&2

conn="Host=127.0.0.1;Port=$PG_PORT;Username=$PG_ROLE;Password=$PG_PASSWORD;Database=postgres"
if [ "${1:-}" = "--export" ]; then
  echo "export CAREPATHWAY_TEST_POSTGRES='$conn'"
else
  echo "$conn"
fi
