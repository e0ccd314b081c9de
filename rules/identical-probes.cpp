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
        .category = Category::Probes,
        .consequence = Consequence::Risk,
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
