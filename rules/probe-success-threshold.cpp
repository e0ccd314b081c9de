// probe-success-threshold: liveness and startup probes must use successThreshold 1.
#include "engine/edits.hpp"
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
        Diagnostic& d = reporter.report(threshold.span(), std::string(field) + ".successThreshold of " +
                                                              rules::describe(*c) + " must be 1, not " +
                                                              std::to_string(threshold.value));
        // 1 is the only value the API accepts here: nothing else could run.
        const yaml::Node& value = *threshold.node;
        d.fixes.push_back(
            {"Set successThreshold to 1",
             Applicability::Safe,
             {Editor(reporter.source(), nullptr)
                  .replace(value.span.begin.offset, value.span.end.offset, "1", value.span.begin)}});
      }
    }
  }
};

PODLINT_REGISTER_RULE(ProbeSuccessThreshold);

}  // namespace
}  // namespace podlint
