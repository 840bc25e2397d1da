#!/usr/bin/env bash
# Builds the kstatus oracle: kubernetes-sigs/cli-utils pkg/kstatus/status (copied unmodified from a
# checkout at build time, never committed here) against small local stand-ins for the three
# k8s.io packages it imports, so it builds offline with Go >= 1.21.
#
#   scripts/kstatus-oracle/build.sh <cli-utils checkout or git dir> <output binary>
#
# Used to produce packages/core/testdata/kstatus/expected.json and by the
# computeStatus benchmark.
set -euo pipefail
src=${1:?cli-utils checkout or git dir}
outbin=${2:?output binary}
case $outbin in /*) ;; *) outbin=$PWD/$outbin ;; esac
here=$(cd "$(dirname "$0")" && pwd)
GO=${GO:-$(command -v /usr/lib/go-1.23/bin/go || command -v go)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/shim" "$work/shim"
cp "$here/go.mod.in" "$work/go.mod"
cp "$here/main.go.in" "$work/main.go"
mkdir -p "$work/status"
for f in core.go generic.go status.go util.go doc.go; do
  if [ -f "$src/pkg/kstatus/status/$f" ]; then
    cp "$src/pkg/kstatus/status/$f" "$work/status/$f"
  else
    git --git-dir "$src" show "HEAD:pkg/kstatus/status/$f" >"$work/status/$f"
  fi
done
rev=$( (git -C "$src" rev-parse HEAD 2>/dev/null || git --git-dir "$src" rev-parse HEAD) )
echo "kstatus from cli-utils $rev" >&2
(cd "$work" && GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local "$GO" build -o "$outbin" .)
