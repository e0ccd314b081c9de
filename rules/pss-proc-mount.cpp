// pss-proc-mount: the Pod Security Standards' "/proc Mount Type" control
// (baseline, and restricted from v1.35): containers keep the default masked
// /proc.
#include <fmt/format.h>

#include "support/pod_helpers.hpp"
#include "support/pod_security.hpp"

namespace podlint {
namespace {

class PssProcMount final : public rules::ControlRule {
 public:
  PssProcMount() : ControlRule("pss-proc-mount", 6.0, {.level = PodSecurityLevel::Baseline}) {}

 private:
  std::vector<rules::Violation> check(const rules::PodUnderReview& pod) const override {
    std::vector<rules::Violation> out;
    // From v1.35 baseline lets a pod in its own user namespace unmask
    // /proc; restricted's own check of v1.35 does not.
    if (pod.minor() >= 35 && pod.user_namespace() && pod.policy.level == PodSecurityLevel::Baseline)
      return out;
    for (const auto& [container, context] : rules::containers_with_context(pod.spec)) {
      if (!context || !context->proc_mount.valid() || context->proc_mount.value == "Default") continue;
      out.push_back(
          {context->proc_mount.span(),
           fmt::format("{} sets procMount \"{}\"", rules::describe(*container), context->proc_mount.value)});
    }
    return out;
  }
};

PODLINT_REGISTER_RULE(PssProcMount);

}  // namespace
}  // namespace podlint
