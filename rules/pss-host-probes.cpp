// pss-host-probes: the Pod Security Standards' "Host Probes / Lifecycle
// Hooks" control (baseline, policy v1.34 on): probes and lifecycle hooks
// set no host.
#include <fmt/format.h>

#include "support/pod_helpers.hpp"
#include "support/pod_security.hpp"

namespace podlint {
namespace {

class PssHostProbes final : public rules::ControlRule {
 public:
  PssHostProbes()
      : ControlRule("pss-host-probes", 5.0, {.level = PodSecurityLevel::Baseline, .since_minor = 34}) {}

 private:
  std::vector<rules::Violation> check(const rules::PodUnderReview& pod) const override {
    std::vector<rules::Violation> out;
    for (const model::Container* container : pod.spec.all_containers()) {
      std::vector<rules::NamedProbe> hooks = rules::probes_of(*container);
      if (container->post_start) hooks.push_back({"postStart hook", &*container->post_start});
      if (container->pre_stop) hooks.push_back({"preStop hook", &*container->pre_stop});
      for (const auto& [what, probe] : hooks) {
        for (const model::Handler& handler : probe->handlers) {
          if (!handler.host.valid() || handler.host.value.empty()) continue;
          out.push_back(
              {handler.host.span(), fmt::format("{}'s {} targets host \"{}\"", rules::describe(*container),
                                                what, handler.host.value)});
        }
      }
    }
    return out;
  }
};

PODLINT_REGISTER_RULE(PssHostProbes);

}  // namespace
}  // namespace podlint
