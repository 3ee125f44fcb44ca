#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the tests, as the ordinary user `postgres`, on
# loopback only, and prints its URL. Usage: export DIALER_TEST_POSTGRES_URL=$(scripts/start-test-postgres.sh)
# Installs Debian's postgresql when missing. The data folder lives under /tmp and goes with it.
set -euo pipefail
port="${DIALER_TEST_POSTGRES_PORT:-54329}"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
url="postgres://postgres@127.0.0.1:${port}/postgres"
if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then echo "$url"; exit 0; fi
data=/tmp/dialer-test-postgres-$port
run_as_postgres() { if [ "$(id -un)" = postgres ]; then bash -c "$1"; else $SUDO su postgres -s /bin/bash -c "$1"; fi; }
fresh_cluster() {
  $SUDO rm -rf "$data"; $SUDO mkdir -p "$data"; $SUDO chown postgres "$data"
  run_as_postgres "'$bin/initdb' -D '$data' -A trust -U postgres --no-sync" >&2
}
start() {
  run_as_postgres "'$bin/pg_ctl' -D '$data' -l '$data/server.log' -w -t 30 -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start" >&2
}
[ -f "$data/PG_VERSION" ] || fresh_cluster
# The data is throw-away: if a previous server died badly and this one will not start, begin anew.
start || { fresh_cluster; start; }
echo "$url"
