#!/usr/bin/env bash
# `npm test`: every test suite of every project against a real Kafka broker and a real
# MongoDB-wire database. Starts the local infrastructure when it is not running (and stops it
# again afterwards); KAFKA_BROKERS / MONGODB_URI point the tests at existing clusters instead.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
results="$root/.data/test-results"
rm -rf "$results"
mkdir -p "$results"

started_infra=0
if ! bash deploy/local/infra.sh status >/dev/null 2>&1; then
  bash deploy/local/infra.sh up
  started_infra=1
fi
bash deploy/local/ensure-browser.sh

finish() {
  local code=$?
  if ((started_infra == 1)); then bash deploy/local/infra.sh down || true; fi
  node test/summarise-results.mjs "$results" || true
  exit "$code"
}
trap finish EXIT

begin=$(date +%s)
# Lint (module boundaries included) and type-checking builds first: they fail fast and cheaply.
npx nx run-many -t lint build --parallel=2 --outputStyle=stream
JEST_RESULTS_DIR="$results" npx nx run-many -t test --parallel=2 --outputStyle=stream
# The console in a real headless Chromium, against desk and a real sla-tracker process.
JEST_RESULTS_DIR="$results" npx nx run desk:e2e --outputStyle=stream
echo "npm test: $(( $(date +%s) - begin )) s (infrastructure start not included)"
