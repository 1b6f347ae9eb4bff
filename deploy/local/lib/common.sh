# shellcheck shell=bash
# Paths, messages and process helpers shared by the infra.sh components.
# Sourced by infra.sh; expects SCRIPT_DIR to be set.

ROOT_DIR=$(cd "$SCRIPT_DIR/../.." && pwd)
# Overridable so a second, private set of processes (fault runs, the script's own
# tests) can live beside the one everybody uses; OTKLIK_DATA_DIR must be a folder
# the postgres user can enter when run as root.
DATA_DIR=${OTKLIK_DATA_DIR:-$ROOT_DIR/.data}
# Overridable so CI or a developer can keep downloads and builds outside the
# clone and reuse them across fresh clones. Not under OTKLIK_DATA_DIR: a private
# data folder reuses the clone's jars and FerretDB build.
CACHE_DIR=${OTKLIK_CACHE_DIR:-$ROOT_DIR/.data/cache}
LOG_DIR=$DATA_DIR/logs
RUN_DIR=$DATA_DIR/run

LOOPBACK=127.0.0.1
START_TIMEOUT=${OTKLIK_START_TIMEOUT:-90}
STOP_TIMEOUT=${OTKLIK_STOP_TIMEOUT:-30}

say() { printf 'infra: %s\n' "$*"; }
die() {
  printf 'infra: error: %s\n' "$*" >&2
  exit 1
}

uses_local_kafka() { [[ -z ${KAFKA_BROKERS:-} ]]; }
uses_local_mongo() { [[ -z ${MONGODB_URI:-} ]]; }

# Seconds since the epoch with millisecond precision, for the timings we print.
now() { date +%s.%N; }
elapsed_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }

# Appends a marker so one log file can hold several runs and stay readable.
log_run_header() { printf '\n===== %s %s =====\n' "$(date -Is)" "$2" >>"$1"; }

# True while the pid exists and is not a zombie. Detached services are
# re-parented to whatever reaps orphans here; a zombie must count as stopped.
process_alive() {
  local pid=$1 stat
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != Z ]]
}

# True when the pid is alive and its command line contains the marker, so a
# pid reused by an unrelated process after a reboot is never signalled.
process_is() {
  local pid=$1 marker=$2
  process_alive "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker"
}

# Prints the pid recorded in a pid file if that process still runs the marker.
running_pid() {
  local pid_file=$1 marker=$2 pid
  [[ -f $pid_file ]] || return 1
  pid=$(<"$pid_file")
  process_is "$pid" "$marker" && printf '%s\n' "$pid"
}

# One up/down at a time: two concurrent `up`s would both launch a broker.
# The lock lives on fd 9, which every launched service must close (see below),
# or a long-running service would hold it forever.
take_lock() {
  mkdir -p "$RUN_DIR"
  exec 9>"$RUN_DIR/infra.lock"
  flock -n 9 && return 0
  say "waiting for another infra.sh up/down to finish"
  flock -w "$START_TIMEOUT" 9 || die "another infra.sh up/down is still running (lock $RUN_DIR/infra.lock)"
}

port_in_use() { (exec 3<>"/dev/tcp/$LOOPBACK/$1") 2>/dev/null; }

# Starts a command in its own session, detached from this shell and its
# terminal, so it survives the caller; records its pid.
launch_detached() {
  local pid_file=$1 log_file=$2
  shift 2
  setsid nohup "$@" >>"$log_file" 2>&1 </dev/null 9>&- &
  printf '%s\n' "$!" >"$pid_file"
}

# Waits until a service answers its own protocol (see wait-ready.mjs).
await_ready() {
  local kind=$1 address=$2 pid=$3 log_file=$4 name=$5 started=$6
  if node "$SCRIPT_DIR/wait-ready.mjs" "$kind" "$address" --timeout "$START_TIMEOUT" --pid "$pid" >/dev/null; then
    say "$name: ready at $address (pid $pid, $(elapsed_since "$started"))"
  else
    die "$name did not become ready; last lines of $log_file:
$(tail -n 15 "$log_file" 2>/dev/null)"
  fi
}

# A single quick protocol check, for status and for "already running".
answers() { node "$SCRIPT_DIR/wait-ready.mjs" "$1" "$2" --timeout 0 >/dev/null 2>&1; }

# SIGTERM, wait up to STOP_TIMEOUT, then SIGKILL. Silent when not running.
stop_process() {
  local name=$1 pid_file=$2 marker=$3 pid waited=0
  if ! pid=$(running_pid "$pid_file" "$marker"); then
    rm -f "$pid_file"
    say "$name: not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  while process_alive "$pid" && ((waited < STOP_TIMEOUT * 10)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  if process_alive "$pid"; then
    say "$name: still running after ${STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file"
  say "$name: stopped (pid $pid)"
}

# One line of `status`: name, state, pid, address.
status_line() { printf '%-9s %-9s %-11s %s\n' "$@"; }
