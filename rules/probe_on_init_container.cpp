// probe-on-init-container: only sidecars among init containers may have probes.
#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

class ProbeOnInitContainer final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "probe-on-init-container",
        .severity = Severity::Error,
        .category = "probes",
        .summary = "An init container that is not a sidecar has a probe",
        .what =
            "Reports livenessProbe, readinessProbe and startupProbe on an init container without "
            "restartPolicy: Always. Sidecars (init containers with restartPolicy: Always) may have "
            "probes and are not reported.",
        .why =
            "The API server rejects the object (\"may not be set for init containers without "
            "restartPolicy=Always\"). A plain init container runs to completion before the others "
            "start; there is nothing for a probe to decide about it. Often the author meant a "
            "sidecar and forgot the restartPolicy.",
        .bad = R"(apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: proxy
      image: envoyproxy/envoy:v1.31.0
      ports:
        - name: admin
          containerPort: 9901
      resources:
        requests: {cpu: 50m, memory: 32Mi}
        limits: {memory: 64Mi}
      readinessProbe:
        httpGet: {path: /ready, port: admin}
  containers:
    - name: web
      image: nginx:1.27
      ports:
        - name: http
          containerPort: 8080
      resources:
        requests: {cpu: 100m, memory: 64Mi}
        limits: {memory: 128Mi}
      livenessProbe:
        httpGet: {path: /healthz, port: http}
      readinessProbe:
        httpGet: {path: /ready, port: http}
)",
        .good = R"(apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: proxy
      image: envoyproxy/envoy:v1.31.0
      restartPolicy: Always
      ports:
        - name: admin
          containerPort: 9901
      resources:
        requests: {cpu: 50m, memory: 32Mi}
        limits: {memory: 64Mi}
      livenessProbe:
        tcpSocket: {port: admin}
      readinessProbe:
        httpGet: {path: /ready, port: admin}
  containers:
    - name: web
      image: nginx:1.27
      ports:
        - name: http
          containerPort: 8080
      resources:
        requests: {cpu: 100m, memory: 64Mi}
        limits: {memory: 128Mi}
      livenessProbe:
        httpGet: {path: /healthz, port: http}
      readinessProbe:
        httpGet: {path: /ready, port: http}
)",
        .fix =
            "If the container should keep running beside the others, make it a sidecar with "
            "restartPolicy: Always. If it is a one-off setup step, delete the probe: its exit code "
            "already says whether it worked.",
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    for (const model::Container& c : workload.pod_spec->init_containers) {
      if (c.is_sidecar()) continue;
      for (const auto& [field, probe] : rules::probes_of(c)) {
        if (rules::is_null(probe->node)) continue;  // `livenessProbe: null` sets nothing
        reporter.report(probe->key ? probe->key->span : probe->node->span,
                        std::string(field) + " is not allowed on " + rules::describe(c) +
                            ": only init containers with restartPolicy: Always may have probes");
      }
    }
  }
};

PODLINT_REGISTER_RULE(ProbeOnInitContainer);

}  // namespace
}  // namespace podlint
