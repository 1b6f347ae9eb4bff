# shellcheck shell=bash
# The MongoDB-wire database: FerretDB speaking the MongoDB protocol, storing in
# a private PostgreSQL instance whose data lives in the project's data folder.
# No registry ships a mongod binary, so this is the real database we can run.
# Sourced by infra.sh after common.sh.

PG_PORT=${OTKLIK_PG_PORT:-54329}
# PostgreSQL's max_connections: room for FerretDB's pool below and a few sessions of our own.
PG_MAX_CONNECTIONS=${OTKLIK_PG_MAX_CONNECTIONS:-200}
PG_DATA=$DATA_DIR/postgres
PG_LOG=$LOG_DIR/postgres.log
PG_DATABASE=otklik

FERRETDB_VERSION=v1.24.2
FERRETDB_MODULE=github.com/FerretDB/FerretDB
# Applied in this order (the second changes lines the first wrote).
FERRETDB_PATCHES=("$SCRIPT_DIR/ferretdb-1.24.2-update-closer.patch" "$SCRIPT_DIR/ferretdb-1.24.2-serialise-updates.patch"
  "$SCRIPT_DIR/ferretdb-1.24.2-survive-handler-panic.patch" "$SCRIPT_DIR/ferretdb-1.24.2-id-index.patch")
FERRETDB_SRC=$CACHE_DIR/ferretdb-src
FERRETDB_BIN=$CACHE_DIR/bin/ferretdb
FERRETDB_PORT=${OTKLIK_FERRETDB_PORT:-27017}
# FerretDB's PostgreSQL pool (pgx pool_max_conns; FerretDB's own default is 50). FerretDB can hold
# two backend connections for one command, so every client's maxPoolSize together must stay below
# half of it or the pool deadlocks: six services at 10 need more than 120, and the tests add theirs.
FERRETDB_PG_POOL=${OTKLIK_FERRETDB_PG_POOL:-160}
# FerretDB's debug listener (Go's /debug/pprof, /debug/metrics), off unless asked for: the
# end-to-end bench reads a CPU profile from it (`OTKLIK_FERRETDB_DEBUG_ADDR=127.0.0.1:8089`).
FERRETDB_DEBUG_ADDR=${OTKLIK_FERRETDB_DEBUG_ADDR:--}
FERRETDB_ADDRESS=$LOOPBACK:$FERRETDB_PORT
FERRETDB_DIR=$DATA_DIR/ferretdb
FERRETDB_PID=$RUN_DIR/ferretdb.pid
FERRETDB_LOG=$LOG_DIR/ferretdb.log
# Our own state dir in the command line tells our FerretDB from any other.
FERRETDB_MARKER=--state-dir=$FERRETDB_DIR

# ------------------------------------------------------------ PostgreSQL ----

# The Unix socket path is limited to 107 bytes; a deep clone path would make
# PostgreSQL refuse to start, so fall back to a short per-clone folder in /tmp.
pg_socket_dir() {
  local dir=$RUN_DIR/pg
  if ((${#dir} + 20 > 107)); then
    dir=/tmp/otklik-pg-$(printf '%s' "$ROOT_DIR" | sha256sum | cut -c1-12)
  fi
  printf '%s\n' "$dir"
}

# The server binaries of the data folder's major version, else the newest.
pg_bin_dir() {
  local version
  if [[ -f $PG_DATA/PG_VERSION ]]; then
    version=$(<"$PG_DATA/PG_VERSION")
    [[ -x /usr/lib/postgresql/$version/bin/initdb ]] && { printf '%s\n' "/usr/lib/postgresql/$version/bin"; return 0; }
  fi
  local initdb
  initdb=$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)
  [[ -x $initdb ]] && dirname "$initdb"
}

# PostgreSQL refuses to run as root, so as root everything runs as `postgres`.
as_pg_owner() {
  if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_postgres_installed() {
  pg_bin_dir >/dev/null && return 0
  ((EUID == 0)) ||
    die "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb); install them: sudo apt-get install -y postgresql"
  local log=$LOG_DIR/apt.log started
  started=$(now)
  say "postgres: server binaries missing, installing the postgresql package (apt-get)"
  log_run_header "$log" "apt-get install postgresql"
  {
    DEBIAN_FRONTEND=noninteractive apt-get update &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql
  } >>"$log" 2>&1 || die "postgres: apt-get install postgresql failed; see $log"
  pg_bin_dir >/dev/null || die "postgres: installed, but no /usr/lib/postgresql/*/bin/initdb; see $log"
  say "postgres: installed ($(elapsed_since "$started"))"
}

# Folders the server writes must belong to the user it runs as.
prepare_pg_dirs() {
  local socket_dir
  socket_dir=$(pg_socket_dir)
  mkdir -p "$PG_DATA" "$socket_dir"
  touch "$PG_LOG"
  if ((EUID == 0)); then
    id postgres >/dev/null 2>&1 || die "postgres: no 'postgres' system user; install the postgresql package"
    chown postgres:postgres "$PG_DATA" "$socket_dir" "$PG_LOG"
    as_pg_owner test -w "$PG_DATA" ||
      die "postgres: user 'postgres' cannot reach $PG_DATA; put the clone where other users can enter its folders"
  fi
  chmod 700 "$PG_DATA"
}

init_postgres_once() {
  [[ -f $PG_DATA/PG_VERSION ]] && return 0
  # trust: loopback-only, throwaway data for development and tests.
  # C locale: same sort order everywhere and no dependency on installed locales.
  as_pg_owner "$(pg_bin_dir)/initdb" -D "$PG_DATA" -A trust -U postgres -E UTF8 --no-locale \
    >>"$PG_LOG" 2>&1 || die "postgres: initdb failed; see $PG_LOG"
  say "postgres: data folder initialised at $PG_DATA"
}

pg_running() { [[ -f $PG_DATA/PG_VERSION ]] && as_pg_owner "$(pg_bin_dir)/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }
pg_pid() { head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null; }

start_postgres() {
  local started
  started=$(now)
  prepare_pg_dirs
  if pg_running; then
    say "postgres: already running (pid $(pg_pid))"
  else
    init_postgres_once
    port_in_use "$PG_PORT" && die "postgres: port $PG_PORT is used by another process; stop it first"
    log_run_header "$PG_LOG" "postgres start"
    # pg_ctl detaches the server into its own session and -w waits until it
    # accepts connections.
    as_pg_owner "$(pg_bin_dir)/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$START_TIMEOUT" \
      -o "-h $LOOPBACK -p $PG_PORT -k $(pg_socket_dir)${PG_MAX_CONNECTIONS:+ -c max_connections=$PG_MAX_CONNECTIONS}" start >/dev/null 9>&- ||
      die "postgres did not start; last lines of $PG_LOG:
$(tail -n 15 "$PG_LOG")"
    say "postgres: ready at $LOOPBACK:$PG_PORT (pid $(pg_pid), $(elapsed_since "$started"))"
  fi
  create_database_once
}

create_database_once() {
  local bin exists
  bin=$(pg_bin_dir)
  exists=$("$bin/psql" -h "$LOOPBACK" -p "$PG_PORT" -U postgres -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'") || die "postgres: cannot query databases; see $PG_LOG"
  [[ $exists == 1 ]] && return 0
  "$bin/createdb" -h "$LOOPBACK" -p "$PG_PORT" -U postgres "$PG_DATABASE" || die "postgres: createdb $PG_DATABASE failed"
  say "postgres: database $PG_DATABASE created"
}

stop_postgres() {
  if ! pg_running; then
    say "postgres: not running"
    return 0
  fi
  local pid bin
  pid=$(pg_pid)
  bin=$(pg_bin_dir)
  # fast: roll back open transactions and stop now, rather than wait for clients.
  as_pg_owner "$bin/pg_ctl" -D "$PG_DATA" -m fast -w -t "$STOP_TIMEOUT" stop >/dev/null 2>&1 ||
    as_pg_owner "$bin/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 ||
    die "postgres: could not stop pid $pid; see $PG_LOG"
  say "postgres: stopped (pid $pid)"
}

postgres_status() {
  if pg_running && "$(pg_bin_dir)/pg_isready" -q -h "$LOOPBACK" -p "$PG_PORT" -U postgres -d postgres; then
    status_line postgres running "pid $(pg_pid)" "$LOOPBACK:$PG_PORT"
  else
    status_line postgres stopped - "$LOOPBACK:$PG_PORT"
    return 3
  fi
}

# -------------------------------------------------------------- FerretDB ----

# Rebuilt when the version or the patch changes.
ferretdb_stamp() { printf '%s %s\n' "$FERRETDB_VERSION" "$(cat "${FERRETDB_PATCHES[@]}" | sha256sum)"; }
ferretdb_ready() { [[ -x $FERRETDB_BIN && -f $FERRETDB_BIN.stamp && $(<"$FERRETDB_BIN.stamp") == "$(ferretdb_stamp)" ]]; }

# Built from the module source rather than `go install`: the published module's
# build/version/version.txt is empty and the binary would panic at start. The
# source also needs the committed fixes: the update-command connection leak, and updates
# made atomic per collection (concurrent `$inc` lost increments).
build_ferretdb() {
  ferretdb_ready && return 0
  local log=$LOG_DIR/ferretdb-build.log module_dir started
  started=$(now)
  say "ferretdb: building $FERRETDB_VERSION from source into $FERRETDB_BIN (first run only)"
  log_run_header "$log" "ferretdb build"
  export GOTOOLCHAIN=local GOWORK=off CGO_ENABLED=0
  module_dir=$(cd "$CACHE_DIR" && go mod download -json "$FERRETDB_MODULE@$FERRETDB_VERSION" 2>>"$log" |
    node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).Dir ?? ""))') ||
    die "ferretdb: downloading the module source failed; see $log"
  [[ -d $module_dir ]] || die "ferretdb: module source not found after download; see $log"

  rm -rf "$FERRETDB_SRC"
  cp -r "$module_dir" "$FERRETDB_SRC"
  chmod -R u+w "$FERRETDB_SRC"
  local patch_file
  for patch_file in "${FERRETDB_PATCHES[@]}"; do
    (cd "$FERRETDB_SRC" && patch -p1 --forward --batch <"$patch_file") >>"$log" 2>&1 ||
      die "ferretdb: $patch_file no longer applies to $FERRETDB_VERSION; the fix must be redone before building (see $log)"
  done
  printf '%s\n' "$FERRETDB_VERSION" >"$FERRETDB_SRC/build/version/version.txt"

  mkdir -p "$(dirname "$FERRETDB_BIN")"
  (cd "$FERRETDB_SRC" && go build -trimpath -o "$FERRETDB_BIN.tmp" ./cmd/ferretdb) >>"$log" 2>&1 ||
    die "ferretdb: go build failed; see $log"
  mv "$FERRETDB_BIN.tmp" "$FERRETDB_BIN"
  ferretdb_stamp >"$FERRETDB_BIN.stamp"
  say "ferretdb: built ($(elapsed_since "$started"))"
}

start_ferretdb() {
  FERRETDB_STARTED=$(now)
  local pid
  if pid=$(running_pid "$FERRETDB_PID" "$FERRETDB_MARKER"); then
    say "ferretdb: already running (pid $pid)"
    return 0
  fi
  port_in_use "$FERRETDB_PORT" &&
    die "ferretdb: port $FERRETDB_PORT is used by another process; stop it, or set MONGODB_URI to use an existing database"
  mkdir -p "$FERRETDB_DIR"
  log_run_header "$FERRETDB_LOG" "ferretdb start"
  launch_detached "$FERRETDB_PID" "$FERRETDB_LOG" \
    "$FERRETDB_BIN" --handler=postgresql \
    --postgresql-url="postgres://postgres@$LOOPBACK:$PG_PORT/$PG_DATABASE${FERRETDB_PG_POOL:+?pool_max_conns=$FERRETDB_PG_POOL}" \
    --listen-addr="$FERRETDB_ADDRESS" --telemetry=disable --debug-addr="$FERRETDB_DEBUG_ADDR" \
    "$FERRETDB_MARKER"
  say "ferretdb: starting (pid $(<"$FERRETDB_PID"), log $FERRETDB_LOG)"
}

await_ferretdb() { await_ready mongo "$FERRETDB_ADDRESS" "$(<"$FERRETDB_PID")" "$FERRETDB_LOG" ferretdb "$FERRETDB_STARTED"; }

stop_ferretdb() { stop_process ferretdb "$FERRETDB_PID" "$FERRETDB_MARKER"; }

ferretdb_status() {
  local pid
  if ! pid=$(running_pid "$FERRETDB_PID" "$FERRETDB_MARKER"); then
    status_line ferretdb stopped - "$FERRETDB_ADDRESS"
    return 3
  fi
  if answers mongo "$FERRETDB_ADDRESS"; then
    status_line ferretdb running "pid $pid" "$FERRETDB_ADDRESS"
  else
    status_line ferretdb starting "pid $pid" "$FERRETDB_ADDRESS (not answering yet; see $FERRETDB_LOG)"
    return 3
  fi
}
