#!/usr/bin/env python3
"""Writes one multi-document stream of small Pods for the end-to-end benchmark.

The shape of `helm template` of an umbrella chart or a `kubectl get -A -o yaml`
dump: many small objects in one input. Two flavours:

  clean   hardened Pods that podlint's default rules accept (no finding), so
          the run measures reading, modelling and checking alone;
  noisy   Pods that break a dozen rules each (no probes, no resources, a
          the latest tag, a misspelt field...), so the
          run measures reporting: about 3 findings per 100 bytes.

The same arguments always give byte-identical output.

    python3 bench/gen_stream.py --flavour clean --mb 60 --out stream.yaml
"""

import argparse

CLEAN = """\
apiVersion: v1
kind: Pod
metadata:
  name: web-{i}
  namespace: team-{ns}
  labels: {{app: web-{i}, tier: backend}}
spec:
  serviceAccountName: web
  automountServiceAccountToken: false
  securityContext:
    runAsNonRoot: true
    seccompProfile: {{type: RuntimeDefault}}
  containers:
    - name: web
      image: registry.example.com/web:1.{v}.0
      ports: [{{name: http, containerPort: 8080}}]
      resources:
        requests: {{cpu: 100m, memory: 128Mi}}
        limits: {{memory: 128Mi}}
      livenessProbe: {{httpGet: {{path: /healthz, port: http}}}}
      readinessProbe: {{httpGet: {{path: /ready, port: http}}}}
      securityContext:
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities: {{drop: [ALL]}}
"""

NOISY = """\
apiVersion: v1
kind: Pod
metadata:
  name: job-{i}
spec:
  restartPolicy: Sometimes
  containers:
    - name: main
      image: busybox
      imagePullPolicy: Never
      ports:
        - containerPort: 80
        - containerPort: 80
      resources:
        limits: {{memory: 512m}}
      livenessProbe: {{tcpSocket: {{port: 9000}}, successThreshold: 2}}
      readinesProbe: {{tcpSocket: {{port: 9000}}}}
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--flavour", choices=["clean", "noisy"], required=True)
    parser.add_argument("--mb", type=float, required=True, help="size to reach, in 10^6 bytes")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    template = CLEAN if args.flavour == "clean" else NOISY
    goal = int(args.mb * 1_000_000)
    written = 0
    with open(args.out, "w", encoding="utf-8") as out:
        i = 0
        while written < goal:
            document = "---\n" + template.format(i=i, ns=i % 17, v=i % 9)
            out.write(document)
            written += len(document)
            i += 1
    print(f"{args.out}: {i} documents, {written / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
