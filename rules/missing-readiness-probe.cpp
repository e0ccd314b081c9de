// missing-readiness-probe: a long-running container should say when it can take traffic.
#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

class MissingReadinessProbe final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "missing-readiness-probe",
        .severity = Severity::Warning,
        .category = Category::Probes,
        .consequence = Consequence::Risk,
        .needs_whole_object = true,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec || workload.is_job()) return;
    for (const model::Container* c : workload.pod_spec->all_containers()) {
      if (c->is_long_running() && !c->readiness_probe)
        reporter.report(rules::container_span(*c), rules::describe(*c) + " has no readiness probe");
    }
  }
};

PODLINT_REGISTER_RULE(MissingReadinessProbe);

}  // namespace
}  // namespace podlint
