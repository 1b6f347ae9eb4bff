#!/usr/bin/env bash
# Checks the ops kit with the real tools (built by ops-tools.sh): the Helm chart lints, renders and
# validates against Kubernetes' schemas (and a broken manifest is refused, so the validator is
# known to bite); Prometheus' configuration, alert rules and rule unit tests pass promtool, and so
# does every Grafana dashboard query; docker-compose.yml matches the Compose specification.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
node="$root/node_modules/.bin/node"
[[ -x "$node" ]] || node=node
begin=$(date +%s)

tools=$(bash deploy/tools/ops-tools.sh)
bin="$tools/bin"
k8s_version=$(sed -n 's/^KUBERNETES_VERSION=//p' deploy/tools/ops-tools.sh)
schemas="$tools/k8s-schemas/v$k8s_version-standalone-strict"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

chart=deploy/helm/otklik
required=(--kube-version "$k8s_version" --set 'secrets.values.MONGODB_URI=mongodb://mongo-0.mongo:27017/?replicaSet=rs0&maxPoolSize=10')
echo "== helm lint"
"$bin/helm" lint --strict "$chart" "${required[@]}"
"$bin/helm" lint --strict "$chart" --kube-version "$k8s_version" -f "$chart/ci/full-values.yaml"

echo "== helm template"
"$bin/helm" template otklik "$chart" --namespace otklik "${required[@]}" > "$out/default.yaml"
"$bin/helm" template otklik "$chart" --namespace otklik --kube-version "$k8s_version" -f "$chart/ci/full-values.yaml" > "$out/full.yaml"
if "$bin/helm" template otklik "$chart" --kube-version "$k8s_version" > /dev/null 2>&1; then
  echo "check-ops: the chart rendered without a database URI or an existing Secret" >&2
  exit 1
fi

echo "== kubeconform (Kubernetes $k8s_version, strict)"
kubeconform=("$bin/kubeconform" -strict -summary -kubernetes-version "$k8s_version"
  -schema-location "$tools/k8s-schemas/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json"
  # The Prometheus operator's CRD is not part of Kubernetes' schemas.
  -skip ServiceMonitor)
"${kubeconform[@]}" "$out/default.yaml" "$out/full.yaml"
# The validator must refuse what the API server refuses: a string count and a misspelt field.
sed -e '0,/replicas: [0-9]*/s//replicas: "two"/' -e '0,/containerPort:/s//containerPorts:/' "$out/default.yaml" > "$out/broken.yaml"
if "${kubeconform[@]}" "$out/broken.yaml" > "$out/broken.log" 2>&1; then
  echo "check-ops: kubeconform accepted a broken manifest; the schemas in $schemas do not validate" >&2
  exit 1
fi
echo "kubeconform refuses the broken manifest: $(grep -c 'is invalid' "$out/broken.log") invalid resource(s)"

echo "== promtool"
"$bin/promtool" check config deploy/observability/prometheus/prometheus.yml
"$bin/promtool" test rules deploy/observability/prometheus/alerts.test.yml
"$node" deploy/tools/dashboard-rules.mjs > "$out/dashboards.rules.json"
echo "Grafana dashboard queries:"
"$bin/promtool" check rules "$out/dashboards.rules.json"

echo "== docker compose"
compose_schema=$(ls "$tools"/compose-spec-*.json | tail -1)
"$node" deploy/tools/compose-check.mjs "$compose_schema"
# The same check must refuse a misspelt service key.
sed '0,/restart: unless-stopped/s//restart_policy: unless-stopped/' docker-compose.yml > "$out/broken-compose.yml"
if "$node" deploy/tools/compose-check.mjs "$compose_schema" "$out/broken-compose.yml" > /dev/null 2>&1; then
  echo "check-ops: the Compose check accepted a misspelt key" >&2
  exit 1
fi
echo "the Compose check refuses a misspelt key"

echo "check-ops: passed in $(( $(date +%s) - begin )) s"
