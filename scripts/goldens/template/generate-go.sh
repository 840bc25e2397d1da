#!/usr/bin/env bash
# Renders go-cases.mjs with the real Go text/template (Go 1.23 from Debian bookworm-backports:
# apt-get install -t bookworm-backports golang-1.23) into packages/template/testdata/golden/go.json.
set -euo pipefail
cd "$(dirname "$0")"
GO=${GO:-/usr/lib/go-1.23/bin/go}
OUT=../../../packages/template/testdata/golden
mkdir -p "$OUT"
node -e 'import("./go-cases.mjs").then(m => process.stdout.write(JSON.stringify(m.default)))' > /tmp/go-cases.json
"$GO" run . -in /tmp/go-cases.json -out "$OUT/go.json"
