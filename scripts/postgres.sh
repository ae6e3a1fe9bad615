# A throwaway PostgreSQL cluster with PostGIS on loopback, for tests and benchmarks.
# Source it, call postgres_start, and use $HOTSPOT_TEST_PG (an OGR "PG:" string) or
# $PGHOST/$PGPORT/$PGUSER with psql; postgres_stop removes the cluster.

postgres_start() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/hotspot-pg.XXXXXX")
  PG_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$PG_DIR"   # the server refuses to run as root
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$bin/initdb" -D "$PG_DIR/data" -U hotspot --auth=trust -E UTF8 >/dev/null
  "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off" start >/dev/null
  PG_CTL=("${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data")
  export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=hotspot
  createdb hotspot_test
  psql -q -d hotspot_test -c "CREATE EXTENSION postgis" >/dev/null
  HOTSPOT_TEST_PG="PG:host=127.0.0.1 port=$PG_PORT user=hotspot dbname=hotspot_test"
  export HOTSPOT_TEST_PG
}

postgres_stop() {
  if [ -n "${PG_DIR:-}" ]; then
    "${PG_CTL[@]}" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
    PG_DIR=""
  fi
}
