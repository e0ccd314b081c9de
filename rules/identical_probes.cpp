// identical-probes: liveness and readiness probes that check the same thing the same way.
#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

// A probe timing setting as the kubelet uses it: absent and 0 mean the default.
int64_t effective(const model::Field<int64_t>& field, int64_t default_value) {
  return field.valid() && field.value != 0 ? field.value : default_value;
}

bool same_probe(const model::Probe& a, const model::Probe& b) {
  if (a.handlers.size() != 1 || b.handlers.size() != 1) return false;  // probe-handler-count's case
  const model::Handler &x = a.handlers[0], &y = b.handlers[0];
  if (x.kind != y.kind || !rules::same_yaml(x.node, y.node)) return false;
  // Defaults from the API's probe defaulting (initialDelaySeconds has none: 0).
  return effective(a.initial_delay_seconds, 0) == effective(b.initial_delay_seconds, 0) &&
         effective(a.timeout_seconds, 1) == effective(b.timeout_seconds, 1) &&
         effective(a.period_seconds, 10) == effective(b.period_seconds, 10) &&
         effective(a.success_threshold, 1) == effective(b.success_threshold, 1) &&
         effective(a.failure_threshold, 3) == effective(b.failure_threshold, 3);
}

class IdenticalProbes final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "identical-probes",
        .severity = Severity::Warning,
        .category = "probes",
        .summary = "The liveness and readiness probes of a container are the same",
        .what =
            "Reports a container whose livenessProbe and readinessProbe run the same handler (same "
            "kind, same port, path, command...) with the same timing, counting an unset setting as "
            "its default (period 10s, timeout 1s, failure threshold 3, success threshold 1). Probes "
            "that differ only in timing, e.g. a more patient liveness probe, are fine.",
        .why =
            "With identical probes, the moment a container stops being ready it also stops being "
            "live: instead of being taken out of the Service while it recovers from a load spike or "
            "a slow dependency, it is killed and restarted, which makes the overload worse and can "
            "cascade across replicas. The API accepts it, so this is a warning.",
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
      readinessProbe:
        httpGet: {path: /healthz, port: http}
        periodSeconds: 10
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
        failureThreshold: 6
      readinessProbe:
        httpGet: {path: /healthz, port: http}
        periodSeconds: 10
)",
        .fix =
            "Make the liveness probe check only that the process itself works (a trivial endpoint), "
            "and let the readiness probe check whether it can serve. If one endpoint must do for "
            "both, give the liveness probe a higher failureThreshold or period so it fires only "
            "after readiness has had time to shed the load.",
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    for (const model::Container* c : workload.pod_spec->all_containers()) {
      if (!c->liveness_probe || !c->readiness_probe) continue;
      const model::Probe &liveness = *c->liveness_probe, &readiness = *c->readiness_probe;
      if (!liveness.key || !readiness.key || !same_probe(liveness, readiness)) continue;
      Diagnostic& d = reporter.report(liveness.key->span, "livenessProbe of " + rules::describe(*c) +
                                                              " is identical to its readinessProbe");
      d.related.push_back({readiness.key->span, "readinessProbe"});
    }
  }
};

PODLINT_REGISTER_RULE(IdenticalProbes);

}  // namespace
}  // namespace podlint
