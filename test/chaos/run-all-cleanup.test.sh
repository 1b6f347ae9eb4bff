#!/usr/bin/env bash
# Shows that `npm test` (test/run-all.sh) stops what it started when the infrastructure start
# fails halfway: a private set (own data folder and ports, never the shared one) whose FerretDB
# port is taken, so `infra.sh up` fails after Kafka and PostgreSQL were launched. Passes when
# run-all.sh fails and neither the broker nor PostgreSQL is left running.
#
#   bash test/chaos/run-all-cleanup.test.sh [path of the run-all script, default test/run-all.sh]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

work=$root/.data/chaos/run-all-cleanup-$$
mkdir -p "$work"
chmod 755 "$work"
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
kafka_port=$(free_port)
controller_port=$(free_port)
pg_port=$(free_port)
ferretdb_port=$(free_port)

# Something else answers on FerretDB's port: `up` dies there, after Kafka and PostgreSQL started.
node -e 'require("net").createServer((c)=>c.end()).listen(Number(process.argv[1]),"127.0.0.1")' "$ferretdb_port" &
blocker=$!
cleanup() {
  kill "$blocker" 2>/dev/null || true
  # Whatever the outcome, leave nothing of this test running.
  OTKLIK_DATA_DIR=$work/data OTKLIK_KAFKA_PORT=$kafka_port OTKLIK_KAFKA_CONTROLLER_PORT=$controller_port \
    OTKLIK_PG_PORT=$pg_port OTKLIK_FERRETDB_PORT=$ferretdb_port bash deploy/local/infra.sh down >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
until (exec 3<>"/dev/tcp/127.0.0.1/$ferretdb_port") 2>/dev/null; do sleep 0.1; done

set +e
env -u KAFKA_BROKERS -u MONGODB_URI \
  OTKLIK_DATA_DIR="$work/data" OTKLIK_TEST_RESULTS_DIR="$work/results" \
  OTKLIK_KAFKA_PORT="$kafka_port" OTKLIK_KAFKA_CONTROLLER_PORT="$controller_port" \
  OTKLIK_PG_PORT="$pg_port" OTKLIK_FERRETDB_PORT="$ferretdb_port" \
  bash "${1:-test/run-all.sh}" >"$work/run-all.out" 2>&1
code=$?
set -e

fail() {
  echo "FAIL: $*"
  sed 's/^/  | /' "$work/run-all.out"
  exit 1
}
((code != 0)) || fail "run-all.sh succeeded although FerretDB could not start"
grep -q "ferretdb: port $ferretdb_port is used" "$work/run-all.out" || fail "up did not fail where expected"
kafka_pid=$(sed -n 's/^infra: kafka: starting (pid \([0-9]*\).*/\1/p' "$work/run-all.out")
[[ -n $kafka_pid ]] || fail "Kafka was never started, so nothing was shown"
grep -q "postgres: ready" "$work/run-all.out" || fail "PostgreSQL was never started, so nothing was shown"

# The marker goes in a file: a grep given it as an argument would find itself.
printf '%s\n' "$work/data" >"$work/marker"
for file in /proc/[0-9]*/cmdline; do
  pid=${file#/proc/}
  pid=${pid%/cmdline}
  [[ $pid == "$blocker" ]] && continue
  { tr '\0' ' ' <"$file"; } 2>/dev/null | grep -qFf "$work/marker" || continue
  fail "left running: pid $pid: $(tr '\0' ' ' <"$file" 2>/dev/null)"
done
[[ ! -e /proc/$kafka_pid ]] || grep -q '^State:.*Z' "/proc/$kafka_pid/status" || fail "the broker (pid $kafka_pid) is still running"
echo "ok: run-all.sh failed ($code) at FerretDB and stopped the broker (pid $kafka_pid) and PostgreSQL it had started"
