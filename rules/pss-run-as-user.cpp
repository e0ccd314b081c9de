// pss-run-as-user: the Pod Security Standards' "Running as Non-root user"
// control (restricted, policy v1.23 on): no runAsUser: 0.
#include <fmt/format.h>

#include "support/pod_helpers.hpp"
#include "support/pod_security.hpp"

namespace podlint {
namespace {

class PssRunAsUser final : public rules::ControlRule {
 public:
  PssRunAsUser()
      : ControlRule("pss-run-as-user", 7.0, {.level = PodSecurityLevel::Restricted, .since_minor = 23}) {}

 private:
  std::vector<rules::Violation> check(const rules::PodUnderReview& pod) const override {
    std::vector<rules::Violation> out;
    if (pod.minor() >= 35 && pod.user_namespace()) return out;
    const auto judge = [&](const model::SecurityContext* context, const std::string& who) {
      if (context && context->run_as_user.valid() && context->run_as_user.value == 0)
        out.push_back({context->run_as_user.span(), who + " runs as root (runAsUser: 0)"});
    };
    // A pod-level 0 fails even when every container sets another user.
    judge(rules::pod_context(pod.spec), "the pod");
    for (const auto& [container, context] : rules::containers_with_context(pod.spec))
      judge(context, rules::describe(*container));
    return out;
  }
};

PODLINT_REGISTER_RULE(PssRunAsUser);

}  // namespace
}  // namespace podlint
