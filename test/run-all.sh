#!/usr/bin/env bash
# `npm test`: every test suite of every project against a real Kafka broker and a real
# MongoDB-wire database. Starts the local infrastructure when it is not running (and stops it
# again afterwards); KAFKA_BROKERS / MONGODB_URI point the tests at existing clusters instead.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
results=${OTKLIK_TEST_RESULTS_DIR:-$root/.data/test-results}
rm -rf "$results"
mkdir -p "$results"

started_infra=0
containers_pid=""
finish() {
  local code=$?
  if ((started_infra == 1)); then bash deploy/local/infra.sh down || true; fi
  if [[ -n $containers_pid ]]; then kill "$containers_pid" 2>/dev/null || true; wait "$containers_pid" 2>/dev/null || true; fi
  node test/summarise-results.mjs "$results" || true
  exit "$code"
}
# Set before `up`: an `up` that fails halfway (FerretDB not answering after Kafka started) must
# still stop what it did start, or a broker is left running with nobody to stop it.
trap finish EXIT
# Without these, bash dies of the signal itself and skips the EXIT trap.
trap 'exit 130' INT
trap 'exit 143' TERM

# Where Kafka and the database come from: `local` (deploy/local, no container engine needed) or
# `containers` (testcontainers, where a container engine such as Docker runs).
case ${OTKLIK_TEST_INFRA:-local} in
  local)
    if ! bash deploy/local/infra.sh status >/dev/null 2>&1; then
      started_infra=1
      bash deploy/local/infra.sh up
    fi
    ;;
  containers)
    env_file=$results/containers.env
    node -r @swc-node/register test/support/containers.ts "$env_file" &
    containers_pid=$!
    until [[ -f $env_file ]]; do
      kill -0 "$containers_pid" 2>/dev/null || { echo "npm test: the containers did not start (see above)" >&2; exit 1; }
      sleep 1
    done
    set -a
    # shellcheck source=/dev/null
    source "$env_file"
    set +a
    ;;
  *)
    echo "npm test: OTKLIK_TEST_INFRA must be local or containers, not '$OTKLIK_TEST_INFRA'" >&2
    exit 2
    ;;
esac
bash deploy/local/ensure-browser.sh

begin=$(date +%s)
# Formatting, lint (module boundaries included) and type-checking builds first: they fail fast and cheaply.
npm run --silent format:check
npx nx run-many -t lint build --parallel=2 --outputStyle=stream
# Specs, benches and scripts too: the builds type-check only what ships.
npx tsc -p tsconfig.json
# The deployment files, checked by real tools: the Helm chart (helm lint, kubeconform against
# Kubernetes' schemas), Prometheus' rules, rule tests and dashboard queries (promtool), Compose's
# schema. The first run builds the tools into the cache (docs/ops.md gives the time).
bash deploy/tools/check-ops.sh
JEST_RESULTS_DIR="$results" npx nx run-many -t test --parallel=2 --outputStyle=stream
# The console in a real headless Chromium, against desk and a real sla-tracker process.
JEST_RESULTS_DIR="$results" npx nx run desk:e2e --outputStyle=stream
echo "npm test: $(( $(date +%s) - begin )) s (infrastructure start not included)"
