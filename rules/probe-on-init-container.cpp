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
        .category = Category::Probes,
        .consequence = Consequence::Rejected,
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
