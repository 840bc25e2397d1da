#!/usr/bin/env bash
# Regenerates expected.yaml with real Helm v3.17 and kubectl kustomize (kustomize v5.5.0), the way
# Flux's helm-controller post-renders: helm's manifests written as helm-output.yaml, a Kustomization
# with resources [helm-output.yaml] plus spec.json's patches and images, kustomize build.
# Usage: HELM=$(bash ../shared/services/helm-install.sh) bash packages/helm/testdata/postrender/make-golden.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/post-render.sh" <<SH
#!/usr/bin/env bash
set -euo pipefail
cat > "$work/helm-output.yaml"
node -e 'const s=require("$here/spec.json");process.stdout.write(JSON.stringify({apiVersion:"kustomize.config.k8s.io/v1beta1",kind:"Kustomization",resources:["helm-output.yaml"],patches:s.patches,images:s.images}))' > "$work/kustomization.yaml"
kubectl kustomize "$work"
SH
chmod +x "$work/post-render.sh"
cd "$here"
TZ=UTC "${HELM:-helm}" template rel chart --kube-version 1.31.0 --post-renderer "$work/post-render.sh" > expected.yaml
