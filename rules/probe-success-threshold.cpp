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
        .category = Category::Probes,
        .consequence = Consequence::Rejected,
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
