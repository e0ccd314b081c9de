#!/usr/bin/env python3
"""Writes a deterministic corpus of realistic Kubernetes manifests for the YAML benchmarks.

Mostly block style, with the things real manifests mix in: flow sequences and
mappings, full-line and trailing comments, literal and folded block scalars
(ConfigMaps carrying config files and scripts), quoted strings with escapes,
multi-document files and the odd anchor/alias. The same seed always gives
byte-identical files.

    python3 bench/gen_corpus.py [--out DIR] [--seed N] [--total-mb MB]
"""

import argparse
import math
import os
import random
import sys

APPS = [
    "checkout", "payments", "frontend", "catalog", "search", "auth", "gateway", "orders", "inventory",
    "billing", "notifier", "mailer", "reports", "ledger", "profile", "session", "media", "thumbnailer",
    "recommender", "metrics-proxy", "audit", "scheduler", "webhook", "importer", "exporter", "cache-warmer",
]
TEAMS = ["platform", "commerce", "identity", "data", "growth", "sre", "ml", "core"]
NAMESPACES = ["default", "prod", "staging", "dev", "payments", "observability", "batch", "kube-system"]
REGISTRIES = ["registry.example.com", "ghcr.io/example", "docker.io/library", "quay.io/example",
              "eu.gcr.io/example-prod"]
BASE_IMAGES = {
    "nginx": "1.25.3-alpine", "redis": "7.2.4", "postgres": "16.1", "busybox": "1.36",
    "python": "3.12-slim", "node": "20-bookworm-slim", "envoy": "v1.29.1", "alpine": "3.19",
}
ENV_NAMES = ["LOG_LEVEL", "PORT", "DATABASE_URL", "REDIS_HOST", "FEATURE_FLAGS", "OTEL_EXPORTER_OTLP_ENDPOINT",
             "JAVA_OPTS", "GOMAXPROCS", "TZ", "HTTP_PROXY", "NO_PROXY", "WORKERS", "CACHE_TTL", "REGION"]
TRAILING_COMMENTS = ["# keep in sync with the HPA", "# TODO: tighten once load-tested", "# see runbook",
                     "# required by the sidecar", "# bumped after incident 2317", "# default", "# seconds",
                     "# must match the Service", "# ignored by older clusters", "# per replica"]
FULL_COMMENTS = ["Managed by the platform team; edit via the service catalog.",
                 "Resource requests are sized from the p95 of the last 30 days.",
                 "Do not change the selector: it is immutable on existing objects.",
                 "Probes are deliberately lenient during start-up.",
                 "This block is templated by CI before apply.",
                 "Security context follows the restricted Pod Security Standard.",
                 "Ports below must match the container's listen address."]
DQ_VALUES = ["info", "8080", "a=1,b=2", "Europe/Berlin", "-Xmx512m -XX:+UseG1GC", "line1\nline2", "tab\tseparated"]
SQ_VALUES = ["it's fine", "true", "0.0.0.0", "*.internal", "# not a comment"]


class Out:
    """Collects lines at an indentation, so emitters read like the YAML they write."""

    def __init__(self, rng):
        self.rng = rng
        self.lines = []

    def line(self, indent, text, comment_rate=0.0):
        if comment_rate and self.rng.random() < comment_rate:
            text += "  " + self.rng.choice(TRAILING_COMMENTS)
        self.lines.append(" " * indent + text)

    def comment(self, indent, rate):
        if self.rng.random() < rate:
            self.lines.append(" " * indent + "# " + self.rng.choice(FULL_COMMENTS))

    def text(self):
        return "\n".join(self.lines) + "\n"


def dq(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def sq(s):
    return "'" + s.replace("'", "''") + "'"


def quantity_cpu(rng):
    return rng.choice(["50m", "100m", "250m", "500m", "750m", "1", "2", "1500m"])


def quantity_mem(rng):
    return rng.choice(["64Mi", "128Mi", "256Mi", "512Mi", "1Gi", "2Gi", "4Gi", "768Mi"])


def image(rng, app):
    if rng.random() < 0.3:
        base = rng.choice(sorted(BASE_IMAGES))
        return f"{base}:{BASE_IMAGES[base]}"
    tag = f"v{rng.randint(1, 4)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}"
    if rng.random() < 0.15:
        return f"{rng.choice(REGISTRIES)}/{app}@sha256:{rng.getrandbits(256):064x}"
    return f"{rng.choice(REGISTRIES)}/{app}:{tag}"


def labels(o, rng, indent, app, anchor=None):
    head = "labels:" + (f" &{anchor}" if anchor else "")
    o.line(indent, head)
    o.line(indent + 2, f"app.kubernetes.io/name: {app}")
    o.line(indent + 2, f"app.kubernetes.io/part-of: {rng.choice(TEAMS)}-suite")
    if rng.random() < 0.6:
        o.line(indent + 2, f"app.kubernetes.io/version: {dq(f'{rng.randint(1, 9)}.{rng.randint(0, 20)}')}")
    if rng.random() < 0.5:
        o.line(indent + 2, f"team: {rng.choice(TEAMS)}", 0.2)
    if rng.random() < 0.3:
        o.line(indent + 2, f"tier: {rng.choice(['backend', 'frontend', 'cache', 'batch'])}")


def metadata(o, rng, app, name=None, with_ns=True, anchor=None):
    o.line(0, "metadata:")
    o.line(2, f"name: {name or app}")
    if with_ns:
        o.line(2, f"namespace: {rng.choice(NAMESPACES)}")
    labels(o, rng, 2, app, anchor)
    if rng.random() < 0.5:
        o.line(2, "annotations:")
        o.line(4, f"kubernetes.io/change-cause: {dq(f'deploy {app} build #{rng.randint(100, 9999)}')}")
        if rng.random() < 0.5:
            o.line(4, f"prometheus.io/scrape: {dq('true')}")
            o.line(4, f"prometheus.io/port: {sq(str(rng.choice([8080, 9090, 9102])))}")
        if rng.random() < 0.3:
            o.line(4, "description: >-")
            o.line(6, f"Serves the {app} API for the {rng.choice(TEAMS)} team. Owned by on-call;")
            o.line(6, "page only for sustained error budgets burn, not single spikes.")


def env(o, rng, indent, app):
    o.line(indent, "env:")
    for _ in range(rng.randint(1, 8)):
        name = rng.choice(ENV_NAMES)
        o.line(indent, f"- name: {name}")
        r = rng.random()
        if r < 0.15:
            o.line(indent + 2, "valueFrom:")
            o.line(indent + 4, "secretKeyRef:")
            o.line(indent + 6, f"name: {app}-secrets")
            o.line(indent + 6, f"key: {name.lower().replace('_', '-')}")
        elif r < 0.25:
            o.line(indent + 2, "valueFrom: {fieldRef: {fieldPath: metadata.namespace}}")
        elif r < 0.5:
            o.line(indent + 2, "value: " + dq(rng.choice(DQ_VALUES)))
        elif r < 0.6:
            o.line(indent + 2, "value: " + sq(rng.choice(SQ_VALUES)))
        else:
            o.line(indent + 2, f"value: {rng.choice(['debug', 'warn', 'postgres://db:5432/app', 'redis-master', '4', '30s'])}", 0.1)


def probe(o, rng, indent, kind):
    o.line(indent, f"{kind}:")
    if rng.random() < 0.7:
        o.line(indent + 2, "httpGet:")
        o.line(indent + 4, f"path: /{rng.choice(['healthz', 'readyz', 'livez', 'health/ready'])}")
        o.line(indent + 4, f"port: {rng.choice(['http', '8080', '9090'])}")
    else:
        o.line(indent + 2, "exec:")
        o.line(indent + 4, 'command: ["sh", "-c", "test -f /tmp/ready"]')
    o.line(indent + 2, f"initialDelaySeconds: {rng.choice([0, 5, 10, 30])}", 0.2)
    o.line(indent + 2, f"periodSeconds: {rng.choice([5, 10, 15])}")
    if rng.random() < 0.5:
        o.line(indent + 2, f"failureThreshold: {rng.randint(1, 6)}")


def container(o, rng, indent, app, name):
    o.comment(indent, 0.15)
    o.line(indent, f"- name: {name}")
    i = indent + 2
    o.line(i, f"image: {image(rng, app)}", 0.1)
    o.line(i, f"imagePullPolicy: {rng.choice(['IfNotPresent', 'Always'])}")
    if rng.random() < 0.5:
        flags = [f"--{rng.choice(['port', 'log-level', 'config', 'workers', 'metrics-addr'])}="
                 f"{rng.choice(['8080', 'info', '/etc/app/config.yaml', '4', ':9090'])}" for _ in range(rng.randint(1, 5))]
        if rng.random() < 0.6:
            o.line(i, "args: [" + ", ".join(dq(f) for f in flags) + "]")
        else:
            o.line(i, "args:")
            for f in flags:
                o.line(i, f"- {f}")
    if rng.random() < 0.2:
        o.line(i, "command:")
        o.line(i, "- /bin/sh")
        o.line(i, "- -c")
        o.line(i, "- |")
        o.line(i + 2, "set -eu")
        o.line(i + 2, f"echo \"starting {app}\"")
        o.line(i + 2, f"exec /usr/local/bin/{app} --config /etc/{app}/config.yaml")
    if rng.random() < 0.8:
        o.line(i, "ports:")
        for p in rng.sample([8080, 8443, 9090, 9102, 5432, 6379, 3000], rng.randint(1, 3)):
            if rng.random() < 0.3:
                o.line(i, f"- {{name: p{p}, containerPort: {p}, protocol: TCP}}")
            else:
                o.line(i, f"- name: p{p}")
                o.line(i + 2, f"containerPort: {p}", 0.1)
    if rng.random() < 0.7:
        env(o, rng, i, app)
    o.line(i, "resources:")
    if rng.random() < 0.4:
        o.line(i + 2, f"requests: {{cpu: {quantity_cpu(rng)}, memory: {quantity_mem(rng)}}}")
        o.line(i + 2, f"limits: {{memory: {quantity_mem(rng)}}}", 0.3)
    else:
        o.line(i + 2, "requests:")
        o.line(i + 4, f"cpu: {quantity_cpu(rng)}", 0.1)
        o.line(i + 4, f"memory: {quantity_mem(rng)}")
        o.line(i + 2, "limits:")
        o.line(i + 4, f"cpu: {dq(quantity_cpu(rng))}")
        o.line(i + 4, f"memory: {quantity_mem(rng)}")
    if rng.random() < 0.6:
        probe(o, rng, i, "readinessProbe")
    if rng.random() < 0.5:
        probe(o, rng, i, "livenessProbe")
    if rng.random() < 0.6:
        o.line(i, "volumeMounts:")
        for v in rng.sample(["config", "data", "tmp", "certs", "cache"], rng.randint(1, 3)):
            o.line(i, f"- name: {v}")
            o.line(i + 2, f"mountPath: /etc/{app}/{v}" if v != "tmp" else "mountPath: /tmp")
            if rng.random() < 0.3:
                o.line(i + 2, "readOnly: true")
    if rng.random() < 0.6:
        o.line(i, "securityContext:")
        o.line(i + 2, "allowPrivilegeEscalation: false")
        o.line(i + 2, f"runAsNonRoot: {rng.choice(['true', 'true', 'false'])}")
        o.line(i + 2, f"readOnlyRootFilesystem: {rng.choice(['true', 'false'])}")
        o.line(i + 2, "capabilities: {drop: [ALL]}" if rng.random() < 0.5 else "capabilities:")
        if o.lines[-1].endswith(":"):
            o.line(i + 4, "drop:")
            o.line(i + 4, "- ALL")


def pod_spec(o, rng, indent, app, restart=None):
    o.line(indent, "spec:")
    i = indent + 2
    if restart:
        o.line(i, f"restartPolicy: {restart}")
    if rng.random() < 0.5:
        o.line(i, f"serviceAccountName: {app}")
    if rng.random() < 0.3:
        o.line(i, f"terminationGracePeriodSeconds: {rng.choice([10, 30, 60])}", 0.3)
    if rng.random() < 0.3:
        o.line(i, "nodeSelector:")
        o.line(i + 2, f"kubernetes.io/arch: {rng.choice(['amd64', 'arm64'])}")
    if rng.random() < 0.25:
        o.line(i, "tolerations:")
        o.line(i, f"- {{key: dedicated, operator: Equal, value: {rng.choice(TEAMS)}, effect: NoSchedule}}")
    if rng.random() < 0.2:
        o.line(i, "initContainers:")
        container(o, rng, i, app, "init-migrate")
    o.line(i, "containers:")
    container(o, rng, i, app, app)
    for k in range(rng.choice([0, 0, 0, 1, 1, 2])):
        container(o, rng, i, app, ["envoy", "log-shipper", "metrics-exporter"][k])
    if rng.random() < 0.6:
        o.line(i, "volumes:")
        o.line(i, "- name: config")
        o.line(i + 2, "configMap:")
        o.line(i + 4, f"name: {app}-config")
        o.line(i, "- name: tmp")
        o.line(i + 2, "emptyDir: {}" if rng.random() < 0.5 else "emptyDir: {medium: Memory, sizeLimit: 64Mi}")
        if rng.random() < 0.4:
            o.line(i, "- name: certs")
            o.line(i + 2, "secret:")
            o.line(i + 4, f"secretName: {app}-tls")
            o.line(i + 4, "defaultMode: 0440", 0.5)


def header(o, rng, api, kind):
    o.comment(0, 0.3)
    o.line(0, f"apiVersion: {api}")
    o.line(0, f"kind: {kind}")


def pod(rng, app):
    o = Out(rng)
    header(o, rng, "v1", "Pod")
    metadata(o, rng, app)
    pod_spec(o, rng, 0, app, rng.choice([None, "Always", "OnFailure"]))
    return o.text()


def workload(rng, app, kind):
    o = Out(rng)
    header(o, rng, "apps/v1", kind)
    anchor = "labels" if rng.random() < 0.08 else None
    metadata(o, rng, app, anchor=anchor)
    o.line(0, "spec:")
    o.line(2, f"replicas: {rng.choice([1, 2, 3, 5, 10])}", 0.25)
    if kind == "StatefulSet":
        o.line(2, f"serviceName: {app}-headless")
    o.line(2, "selector:")
    if anchor:
        o.line(4, "matchLabels: *labels")
    else:
        o.line(4, "matchLabels:")
        o.line(6, f"app.kubernetes.io/name: {app}")
    if kind == "Deployment" and rng.random() < 0.5:
        o.line(2, "strategy:")
        o.line(4, "type: RollingUpdate")
        o.line(4, "rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}")
    o.line(2, "template:")
    o.line(4, "metadata:")
    labels(o, rng, 6, app)
    pod_spec(o, rng, 4, app)
    if kind == "StatefulSet":
        o.line(2, "volumeClaimTemplates:")
        o.line(2, "- metadata:")
        o.line(6, "name: data")
        o.line(4, "spec:")
        o.line(6, 'accessModes: ["ReadWriteOnce"]')
        o.line(6, f"storageClassName: {rng.choice(['standard', 'ssd', 'gp3'])}")
        o.line(6, "resources:")
        o.line(8, f"requests: {{storage: {rng.choice(['1Gi', '10Gi', '100Gi'])}}}")
    return o.text()


def job(rng, app, cron):
    o = Out(rng)
    header(o, rng, "batch/v1", "CronJob" if cron else "Job")
    metadata(o, rng, app + ("-nightly" if cron else "-backfill"))
    o.line(0, "spec:")
    base = 2
    if cron:
        o.line(2, f"schedule: {dq(rng.choice(['0 3 * * *', '*/15 * * * *', '30 1 * * 1-5', '@hourly']))}", 0.4)
        o.line(2, "concurrencyPolicy: Forbid")
        o.line(2, f"successfulJobsHistoryLimit: {rng.randint(1, 5)}")
        o.line(2, "jobTemplate:")
        o.line(4, "spec:")
        base = 6
    o.line(base, f"backoffLimit: {rng.randint(0, 6)}")
    o.line(base, f"activeDeadlineSeconds: {rng.choice([600, 3600, 7200])}", 0.2)
    o.line(base, "template:")
    pod_spec(o, rng, base + 2, app, rng.choice(["OnFailure", "Never"]))
    return o.text()


def service(rng, app):
    o = Out(rng)
    header(o, rng, "v1", "Service")
    metadata(o, rng, app)
    o.line(0, "spec:")
    o.line(2, f"type: {rng.choice(['ClusterIP', 'ClusterIP', 'NodePort', 'LoadBalancer'])}")
    o.line(2, f"selector: {{app.kubernetes.io/name: {app}}}" if rng.random() < 0.4 else "selector:")
    if o.lines[-1].endswith(":"):
        o.line(4, f"app.kubernetes.io/name: {app}")
    o.line(2, "ports:")
    for name, port in rng.sample([("http", 80), ("https", 443), ("grpc", 9090), ("metrics", 9102)], rng.randint(1, 3)):
        o.line(2, f"- name: {name}")
        o.line(4, f"port: {port}")
        o.line(4, f"targetPort: {rng.choice([8080, 8443, name])}", 0.15)
        o.line(4, "protocol: TCP")
    return o.text()


def config_files(rng, app):
    """(key, indicator, body lines) for files a ConfigMap typically embeds."""
    files = []
    n = rng.randint(30, 120)
    files.append(("nginx.conf", "|", ["worker_processes auto;", "events { worker_connections 1024; }", "http {"]
                  + [f"  upstream {app}_{k} {{ server {app}-{k}.svc:8080 max_fails=3; }}" for k in range(n // 10)]
                  + ["  server {", "    listen 8080;", "    # health endpoint for the kubelet",
                     "    location /healthz { return 200 'ok'; }"]
                  + [f"    location /api/v{k}/ {{ proxy_pass http://{app}_{k % max(1, n // 10)}; proxy_read_timeout {k + 5}s; }}"
                     for k in range(n // 3)]
                  + ["  }", "}"]))
    files.append((f"{app}.properties", "|-", [f"{app}.{rng.choice(['pool', 'cache', 'http', 'db'])}.{k}.size={rng.randint(1, 512)}"
                                              for k in range(n // 2)] + ["# trailing comment inside the file", "feature.x=true"]))
    files.append(("entrypoint.sh", "|", ["#!/bin/sh", "set -euo pipefail", ""]
                  + [f"if [ -n \"${{{rng.choice(ENV_NAMES)}:-}}\" ]; then echo \"step {k}: ok\" >&2; fi" for k in range(n // 4)]
                  + ["", f"exec /usr/local/bin/{app} \"$@\""]))
    files.append(("config.json", "|", ["{", f'  "service": "{app}",', '  "routes": ['] +
                  [f'    {{"path": "/r{k}", "timeout_ms": {rng.randint(100, 5000)}, "retries": {rng.randint(0, 3)}}},'
                   for k in range(n // 5)] + ['    {"path": "/", "timeout_ms": 1000}', "  ]", "}"]))
    files.append(("motd", ">", [f"Welcome to the {app} service of the {rng.choice(TEAMS)} team.",
                                "This text is folded into a single paragraph",
                                "when the manifest is read,", "", "and this is a second paragraph."]))
    return files


def configmap(rng, app):
    o = Out(rng)
    header(o, rng, "v1", "ConfigMap")
    metadata(o, rng, app, name=f"{app}-config")
    o.line(0, "data:")
    o.line(2, f"LOG_LEVEL: {rng.choice(['info', 'debug'])}", 0.2)
    o.line(2, f"MAX_CONNECTIONS: {dq(str(rng.randint(10, 1000)))}")
    o.line(2, f"GREETING: {sq('it' + chr(39) + 's ' + app)}")
    for key, ind, body in rng.sample(config_files(rng, app), rng.randint(1, 3)):
        o.comment(2, 0.3)
        o.line(2, f"{key}: {ind}")
        for b in body:
            o.lines.append(("    " + b) if b else "")
    return o.text()


KINDS = [(pod, 10), (lambda r, a: workload(r, a, "Deployment"), 25), (lambda r, a: workload(r, a, "StatefulSet"), 8),
         (lambda r, a: job(r, a, False), 6), (lambda r, a: job(r, a, True), 6), (service, 20), (configmap, 15)]


def document(rng):
    make = rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]
    app = rng.choice(APPS)
    if rng.random() < 0.5:
        app += f"-{rng.choice(['v2', 'eu', 'canary', 'worker', 'api'])}"
    return make(rng, app)


def manifest_file(rng, target_bytes):
    docs = []
    size = 0
    while size < target_bytes:
        d = document(rng)
        docs.append(d)
        size += len(d) + 4
    text = "---\n".join(docs)
    if rng.random() < 0.3:
        text = "---\n" + text
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--total-mb", type=float, default=8.0)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    for name in os.listdir(args.out):  # stale files from another seed would skew the totals
        if name.endswith(".yaml"):
            os.remove(os.path.join(args.out, name))
    total, count = 0, 0
    budget = int(args.total_mb * 1024 * 1024)
    while total < budget:
        # Log-uniform between 1 and 50 KB: many small files, some large ones.
        target = int(math.exp(rng.uniform(math.log(1024), math.log(50 * 1024))))
        text = manifest_file(rng, target).encode()
        with open(os.path.join(args.out, f"manifest-{count:04d}.yaml"), "wb") as f:
            f.write(text)
        total += len(text)
        count += 1
    print(f"gen_corpus: {count} files, {total / 1e6:.1f} MB in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
