#!/usr/bin/env bash
# Local infrastructure for Otklik without a container engine: a real Apache
# Kafka broker and a real MongoDB-wire database (FerretDB on PostgreSQL), with
# all data, logs and pid files under <root>/.data.
#
#   infra.sh up          start what is not running; return once every service answers
#   infra.sh down        stop what this script started
#   infra.sh status      one line per service; exit 0 if all run, 3 otherwise
#   infra.sh reset-data  stop, then delete Kafka, PostgreSQL and FerretDB data (caches stay)
#
# Environment:
#   OTKLIK_CACHE_DIR      downloaded jars and the built FerretDB (default <root>/.data/cache)
#   OTKLIK_DATA_DIR       data, logs, pid files and lock of this set (default <root>/.data)
#   OTKLIK_KAFKA_PORT, OTKLIK_KAFKA_CONTROLLER_PORT, OTKLIK_PG_PORT, OTKLIK_FERRETDB_PORT
#                         listening ports (default 9092, 9093, 54329, 27017); with
#                         OTKLIK_DATA_DIR they run a second, independent set
#   OTKLIK_FERRETDB_PG_POOL, OTKLIK_PG_MAX_CONNECTIONS
#                         FerretDB's PostgreSQL pool and PostgreSQL's max_connections
#                         (default 50 and 100); raise both for many clients at once
#   KAFKA_BROKERS         use that Kafka; start none here
#   MONGODB_URI           use that MongoDB; start no PostgreSQL or FerretDB here
#   OTKLIK_START_TIMEOUT  seconds to wait for each service to answer (default 90)
#   OTKLIK_STOP_TIMEOUT   seconds between SIGTERM and SIGKILL (default 30)
#   OTKLIK_KAFKA_JVM_OPTS broker JVM options (default "-Xmx512m -XX:TieredStopAtLevel=1")
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/common.sh
source "$SCRIPT_DIR/lib/common.sh"
# shellcheck source=lib/kafka.sh
source "$SCRIPT_DIR/lib/kafka.sh"
# shellcheck source=lib/mongo.sh
source "$SCRIPT_DIR/lib/mongo.sh"

MONGODB_LOCAL_URI="mongodb://$FERRETDB_ADDRESS/$PG_DATABASE?maxPoolSize=10"

java_major() { java -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p'; }
go_minor() { go env GOVERSION 2>/dev/null | sed -n 's/^go1\.\([0-9]*\).*/\1/p'; }

# Names every missing tool in one line instead of failing halfway with a trace.
# Maven and Go are needed only while their artifacts are not cached yet.
check_prerequisites() {
  local missing=()
  command -v node >/dev/null || missing+=("node")
  if uses_local_kafka; then
    if ! command -v java >/dev/null; then
      missing+=("java (17 or newer)")
    elif (($(java_major || echo 0) < 17)); then
      missing+=("java 17 or newer (found $(java_major))")
    fi
    kafka_libs_ready || command -v mvn >/dev/null || missing+=("mvn")
  fi
  if uses_local_mongo && ! ferretdb_ready; then
    if ! command -v go >/dev/null; then
      missing+=("go (1.24 or newer)")
    elif (($(go_minor || echo 0) < 24)); then
      missing+=("go 1.24 or newer (found $(go env GOVERSION))")
    fi
    command -v patch >/dev/null || missing+=("patch")
  fi
  ((${#missing[@]} == 0)) || die "missing prerequisites: ${missing[*]}"
}

# Maven's download and Go's build run side by side on a first start.
prepare_artifacts() {
  local jobs=() job failed=0
  if uses_local_kafka && ! kafka_libs_ready; then
    resolve_kafka_libs &
    jobs+=("$!")
  fi
  if uses_local_mongo && ! ferretdb_ready; then
    build_ferretdb &
    jobs+=("$!")
  fi
  for job in "${jobs[@]}"; do
    wait "$job" || failed=1
  done
  ((failed == 0)) || exit 1
}

cmd_up() {
  local started
  started=$(now)
  mkdir -p "$DATA_DIR" "$CACHE_DIR" "$LOG_DIR" "$RUN_DIR"
  take_lock
  check_prerequisites
  if uses_local_mongo; then ensure_postgres_installed; fi
  prepare_artifacts

  # The broker warms up while PostgreSQL and FerretDB start.
  if uses_local_kafka; then
    start_kafka
  else
    say "kafka: using external KAFKA_BROKERS=$KAFKA_BROKERS"
  fi
  if uses_local_mongo; then
    start_postgres
    start_ferretdb
    await_ferretdb
  else
    say "mongodb: using external MONGODB_URI"
  fi
  if uses_local_kafka; then
    await_kafka
  fi

  say "up in $(elapsed_since "$started"); for the services:"
  if uses_local_kafka; then say "  KAFKA_BROKERS=$KAFKA_ADDRESS"; fi
  # FerretDB deadlocks its PostgreSQL pool (50) beyond ~25 concurrent commands.
  if uses_local_mongo; then say "  MONGODB_URI=$MONGODB_LOCAL_URI"; fi
}

cmd_down() {
  take_lock
  # Reverse dependency order: FerretDB holds PostgreSQL connections.
  stop_ferretdb
  stop_postgres
  stop_kafka
}

cmd_status() {
  local result=0
  kafka_status || result=3
  if uses_local_mongo; then
    postgres_status || result=3
    ferretdb_status || result=3
  else
    status_line mongodb external - "MONGODB_URI is set"
  fi
  return "$result"
}

cmd_reset_data() {
  cmd_down
  rm -rf "$KAFKA_DIR" "$PG_DATA" "$FERRETDB_DIR"
  say "data deleted (kept caches in $CACHE_DIR)"
}

main() {
  case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  reset-data) cmd_reset_data ;;
  *)
    printf 'usage: %s up|down|status|reset-data\n' "$(basename "$0")" >&2
    exit 2
    ;;
  esac
}

main "$@"
