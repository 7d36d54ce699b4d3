#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on loopback from Debian's postgresql package and prints
# its URL; `stop DIR` stops it and deletes it. Used by .ci/run and by `npm test` when
# QANAT_TEST_POSTGRES_URL is not set. Locally:
#   export QANAT_TEST_POSTGRES_URL=$(scripts/test-postgres.sh start /tmp/qanat-pg)
set -euo pipefail

command=${1:-start}
dir=${2:-/tmp/qanat-test-pg}
port=${3:-auto}
if [ "$port" = auto ]; then
  port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
fi

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL server binaries not found: apt-get install -y postgresql" >&2
  exit 1
fi

# initdb and postgres refuse to run as root: run them as the postgres user then.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres "$dir"
      as_owner "$bin/initdb" -D "$dir" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -o \
        "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null
    fi
    # The running server's port, also when it was started earlier by another call.
    port=$(grep -oE -- '"-p" "[0-9]+"' "$dir/postmaster.opts" | tr -dc '0-9')
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop [DIR] [PORT|auto]" >&2
    exit 2
    ;;
esac
