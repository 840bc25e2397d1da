#!/usr/bin/env bash
# Regenerates packages/kustomize/testdata/substitute/goldens.json from Flux's own code.
#
# Usage: scripts/goldens/envsubst.sh /path/to/fluxcd/pkg/checkout
#
# Needs Go >= 1.21 (Debian: golang-1.23 from bookworm-backports) and the Debian source packages
# golang-k8s-sigs-yaml-dev + golang-gopkg-yaml.v2-dev (sigs.k8s.io/yaml over go-yaml v2, as
# kustomize uses). Builds in a throwaway GOPATH: fluxcd/pkg/envsubst is copied there, never here.
set -euo pipefail
FLUX_PKG=${1:?path to a fluxcd/pkg checkout}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
GO=${GO:-$(command -v go || echo /usr/lib/go-1.23/bin/go)}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/src/github.com/fluxcd/pkg" "$WORK/src/goldens"
cp -r "$FLUX_PKG/envsubst" "$WORK/src/github.com/fluxcd/pkg/envsubst"
cp "$ROOT/scripts/goldens/envsubst/main.go" "$WORK/src/goldens/"
cd "$WORK/src/goldens"
GO111MODULE=off GOPATH="$WORK:/usr/share/gocode" GOFLAGS= GOCACHE="$WORK/cache" \
  "$GO" build -o "$WORK/goldens" .
"$WORK/goldens" < "$ROOT/packages/kustomize/testdata/substitute/cases.json" \
  > "$ROOT/packages/kustomize/testdata/substitute/goldens.json"
echo "wrote packages/kustomize/testdata/substitute/goldens.json" >&2
