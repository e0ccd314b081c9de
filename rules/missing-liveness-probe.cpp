// missing-liveness-probe: a long-running container should say how to tell it is stuck.
#include <array>

#include "engine/rule.hpp"
#include "support/misspellings.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

const BoolOption kCompletingPods{"completing-pods", false};
constexpr std::array<const OptionSpec*, 1> kOptions{&kCompletingPods};

class MissingLivenessProbe final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "missing-liveness-probe",
        .severity = Severity::Warning,
        .category = Category::Probes,
        .consequence = Consequence::Risk,
        .options = kOptions,
        .needs_whole_object = true,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    if (rules::runs_to_completion(workload) && !reporter.option(kCompletingPods)) return;
    for (const model::Container* c : workload.pod_spec->all_containers()) {
      if (c->is_long_running() && !c->liveness_probe &&
          !rules::misspelt(reporter.facts(), c->node, "livenessProbe"))
        reporter.report(rules::container_span(*c), rules::describe(*c) + " has no liveness probe");
    }
  }
};

PODLINT_REGISTER_RULE(MissingLivenessProbe);

}  // namespace
}  // namespace podlint
