// probe-success-threshold: liveness and startup probes must use successThreshold 1.
#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

class ProbeSuccessThreshold final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "probe-success-threshold",
        .severity = Severity::Error,
        .category = "probes",
        .summary = "A liveness or startup probe sets successThreshold other than 1",
        .what =
            "Reports successThreshold on a livenessProbe or startupProbe when it is anything but 1 "
            "(0 is left alone: the API defaults it to 1). Readiness probes may use higher values.",
        .why =
            "The API server rejects the object (\"must be 1\"). One success is all the kubelet "
            "needs to stop counting failures of a liveness probe or to end the startup phase; "
            "waiting for more would only delay that, so the field is fixed for these two probes.",
        .bad = R"(apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
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
        successThreshold: 3
      readinessProbe:
        httpGet: {path: /ready, port: http}
)",
        .good = R"(apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
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
        successThreshold: 3
)",
        .fix =
            "Remove successThreshold from the liveness or startup probe (or set it to 1). If the "
            "container should prove itself several times before it gets traffic, put the threshold "
            "on its readinessProbe instead.",
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    for (const model::Container* c : workload.pod_spec->all_containers()) {
      for (const auto& [field, probe] : rules::probes_of(*c)) {
        if (field == "readinessProbe") continue;
        const auto& threshold = probe->success_threshold;
        if (!threshold.valid() || threshold.value == 0 || threshold.value == 1) continue;
        reporter.report(threshold.span(), std::string(field) + ".successThreshold of " + rules::describe(*c) +
                                              " must be 1, not " + std::to_string(threshold.value));
      }
    }
  }
};

PODLINT_REGISTER_RULE(ProbeSuccessThreshold);

}  // namespace
}  // namespace podlint
