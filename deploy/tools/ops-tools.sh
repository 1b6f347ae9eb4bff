#!/usr/bin/env bash
# Builds the tools that check the deployment files into the git-ignored cache and prints their
# folder: helm and kubeconform from their Go modules; promtool out of Debian's `prometheus` package
# (unpacked, not installed: no service is set up), or built from Prometheus' Go module where apt
# has no such package; Kubernetes JSON schemas generated from the OpenAPI document in the
# k8s.io/kubernetes module; the Compose specification's schema from compose-go. Nothing is
# downloaded from a project's own site. A second run finds what is there (one version stamp per
# tool) and takes about a second.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${OTKLIK_CACHE_DIR:-$root/.data/cache}
tools="$cache/tools"
node="$root/node_modules/.bin/node"
[[ -x "$node" ]] || node=node

HELM_VERSION=v3.22.1
KUBECONFORM_VERSION=v0.8.0
PROMETHEUS_VERSION=v0.316.0   # Go module version of Prometheus 3.16
KUBERNETES_VERSION=1.37.2
COMPOSE_GO_VERSION=v2.16.2

mkdir -p "$tools/bin"
log() { echo "ops-tools: $*" >&2; }

# install_tool NAME PACKAGE VERSION [go build flags...]: go install into $tools/bin once per version.
install_tool() {
  local name=$1 package=$2 version=$3 stamp="$tools/bin/.$1.version"
  shift 3
  if [[ -x "$tools/bin/$name" && "$(cat "$stamp" 2>/dev/null)" == "$package@$version $*" ]]; then return; fi
  log "building $name $version"
  (cd "$tools" && GOBIN="$tools/bin" GOFLAGS=-buildvcs=false go install -trimpath -ldflags='-s -w' "$@" "$package@$version")
  echo "$package@$version $*" > "$stamp"
}

# module_dir MODULE@VERSION: the module's extracted source in Go's module cache.
module_dir() {
  (cd "$tools" && go mod download -json "$1") | "$node" -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>{const m=JSON.parse(s);if(m.Error){console.error(m.Error);process.exit(1)}console.log(m.Dir)})'
}

# promtool from Debian's package: about 20 s, where building it from the Go module takes 3 to 8
# minutes on two cores (it compiles most of Prometheus and the Kubernetes client).
install_promtool_deb() {
  local work="$tools/deb" deb
  rm -rf "$work" && mkdir -p "$work"
  if ! (cd "$work" && apt-get download prometheus >/dev/null 2>&1); then
    apt-get update -qq >/dev/null 2>&1 || return 1
    (cd "$work" && apt-get download prometheus >/dev/null 2>&1) || return 1
  fi
  deb=$(ls "$work"/prometheus_*.deb) || return 1
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work" ./usr/bin/promtool || return 1
  mv "$work/usr/bin/promtool" "$tools/bin/promtool"
  basename "$deb" > "$tools/bin/.promtool.version"
  rm -rf "$work"
}

install_tool helm helm.sh/helm/v3/cmd/helm "$HELM_VERSION"
install_tool kubeconform github.com/yannh/kubeconform/cmd/kubeconform "$KUBECONFORM_VERSION"
if [[ ! -x "$tools/bin/promtool" ]]; then
  log "unpacking promtool from Debian's prometheus package"
  if ! command -v apt-get >/dev/null || ! install_promtool_deb; then
    # remove_all_sd leaves out the service-discovery plugins promtool does not need to check files.
    install_tool promtool github.com/prometheus/prometheus/cmd/promtool "$PROMETHEUS_VERSION" -tags remove_all_sd
  fi
fi

schemas="$tools/k8s-schemas/v$KUBERNETES_VERSION-standalone-strict"
if [[ ! -f "$schemas/.complete" ]]; then
  log "generating Kubernetes $KUBERNETES_VERSION schemas"
  dir=$(module_dir "k8s.io/kubernetes@v$KUBERNETES_VERSION")
  rm -rf "$schemas"
  "$node" "$root/deploy/tools/k8s-schemas.mjs" "$dir/api/openapi-spec/swagger.json" "$schemas" >&2
  touch "$schemas/.complete"
fi

compose_schema="$tools/compose-spec-$COMPOSE_GO_VERSION.json"
if [[ ! -f "$compose_schema" ]]; then
  log "copying the Compose specification schema (compose-go $COMPOSE_GO_VERSION)"
  dir=$(module_dir "github.com/compose-spec/compose-go/v2@$COMPOSE_GO_VERSION")
  cp "$dir/schema/compose-spec.json" "$compose_schema.tmp" && mv "$compose_schema.tmp" "$compose_schema"
fi

echo "$tools"
