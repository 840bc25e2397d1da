#!/usr/bin/env bash
# Regenerates the goldens of packages/kustomize/testdata/build/<case> with the real tool:
# `kubectl kustomize` (kustomize v5.5.0). For each case, case.json gives the entry directory and
# flags; the output goes to expected.yaml, or, when the build fails, the error to expected-error.txt.
# Never produce goldens with our own build.
set -euo pipefail
cd "$(dirname "$0")/../testdata/build"
command -v kubectl >/dev/null || { echo "kubectl not found" >&2; exit 1; }
for dir in */; do
  c=${dir%/}
  [ -f "$c/case.json" ] || continue
  entry=$(node -e "console.log(require('./$c/case.json').entry)")
  flags=$(node -e "console.log((require('./$c/case.json').flags||[]).join(' '))")
  rm -f "$c/expected.yaml" "$c/expected-error.txt"
  # shellcheck disable=SC2086
  if (cd "$c" && kubectl kustomize $flags "$entry" > expected.yaml 2> stderr.txt); then
    rm -f "$c/stderr.txt"
  else
    rm -f "$c/expected.yaml"
    # klog prefix and quotes removed; absolute paths made relative to the case folder.
    sed -E -e 's/^E[0-9]+ [0-9:.]+ +[0-9]+ [a-z_.]+:[0-9]+\] "command failed" err=//' -e 's/^"(.*)"$/\1/' \
      -e "s#$PWD/$c/##g" -e "s#$PWD/$c#.#g" "$c/stderr.txt" > "$c/expected-error.txt"
    rm -f "$c/stderr.txt"
  fi
  echo "$c: $(ls "$c" | grep expected)"
done
