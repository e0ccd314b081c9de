#!/usr/bin/env bash
# A real kustomize overlay: linted in place (its patches are partial objects:
# no missing-field findings, their field names and values still checked),
# then rendered by `kubectl kustomize` and piped to podlint, which reports
# what the merged objects lack. kubectl (Debian's package brings kustomize)
# is installed through scripts/lib/deps.sh; without it the test is skipped.
#   tests/kustomize-test.sh PODLINT
set -euo pipefail
podlint="$1"
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/deps.sh"
if ! command -v kubectl >/dev/null; then
  install_debian_packages kubectl >/dev/null 2>&1 || true
fi
if ! command -v kubectl >/dev/null || ! kubectl kustomize --help >/dev/null 2>&1; then
  echo "kustomize: skipped: kubectl (with kustomize) cannot be installed here"
  exit 77
fi
tree="$(mktemp -d)"
trap 'rm -rf "$tree"' EXIT
fail() {
  echo "kustomize: $*" >&2
  exit 1
}
mkdir -p "$tree/base" "$tree/overlays/prod"
cat >"$tree/base/kustomization.yaml" <<'YAML'
resources: [deployment.yaml]
YAML
cat >"$tree/base/deployment.yaml" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      serviceAccountName: web
      automountServiceAccountToken: false
      containers:
        - name: web
          image: nginx:1.27
          securityContext: {readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
          ports: [{name: http, containerPort: 8080}]
          resources:
            requests: {cpu: 100m, memory: 64Mi}
            limits: {memory: 128Mi}
          livenessProbe: {httpGet: {path: /healthz, port: http}}
          readinessProbe: {httpGet: {path: /ready, port: http}}
YAML
cat >"$tree/overlays/prod/kustomization.yaml" <<'YAML'
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources: [../../base]
namePrefix: prod-
patches:
  - path: replicas.yaml
  - path: sidecar.yaml
YAML
cat >"$tree/overlays/prod/replicas.yaml" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
YAML
# A sidecar without probes or resources: fine as a patch, reported once merged.
cat >"$tree/overlays/prod/sidecar.yaml" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: proxy
          image: envoyproxy/envoy:v1.31.0
YAML

in_place="$("$podlint" --color never "$tree/overlays" "$tree/base")" ||
  fail "the overlay in place has findings: $in_place"
[[ $in_place == "no problems found in 5 files (5 documents, 3 Kubernetes objects); 2 files held no Kubernetes object (--verbose lists them)" ]] ||
  fail "unexpected summary in place: $in_place"

rendered="$(kubectl kustomize "$tree/overlays/prod")"
grep -q '^  name: prod-web$' <<<"$rendered" || fail "kubectl kustomize rendered no prod-web: $rendered"
status=0
out="$("$podlint" - --stdin-filename prod.yaml --color never --fail-on warning <<<"$rendered")" || status=$?
[[ $status == 1 ]] || fail "podlint - on the rendered overlay: status $status, expected 1: $out"
for finding in \
  'warning: container "proxy" has no liveness probe [missing-liveness-probe]' \
  'warning: container "proxy" has no readiness probe [missing-readiness-probe]' \
  'warning: container "proxy" has no cpu request, memory request or memory limit [missing-resources]' \
  'warning: container "proxy" does not set readOnlyRootFilesystem: true [read-only-root-filesystem]'; do
  grep -qF -- "$finding" <<<"$out" || fail "the rendered overlay lacks: $finding
$out"
done
grep -q 'container "web"' <<<"$out" && fail "container web, complete in the base, is reported: $out"
grep -qF 'in 1 file (1 document, 1 Kubernetes object)' <<<"$out" || fail "unexpected summary: $out"
echo "kustomize: ok"
