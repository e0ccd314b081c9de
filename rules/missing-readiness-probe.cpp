// missing-readiness-probe: a long-running container should say when it can take traffic.
#include <array>

#include "engine/rule.hpp"
#include "support/misspellings.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

const BoolOption kCompletingPods{"completing-pods", false};
constexpr std::array<const OptionSpec*, 1> kOptions{&kCompletingPods};

class MissingReadinessProbe final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "missing-readiness-probe",
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
      if (c->is_long_running() && !c->readiness_probe &&
          !rules::misspelt(reporter.facts(), c->node, "readinessProbe"))
        reporter.report(rules::container_span(*c), rules::describe(*c) + " has no readiness probe");
    }
  }
};

PODLINT_REGISTER_RULE(MissingReadinessProbe);

}  // namespace
}  // namespace podlint
