// pss-run-as-user: the Pod Security Standards' "Running as Non-root user"
// control (restricted, policy v1.23 on): no runAsUser: 0.
#include <fmt/format.h>

#include "support/pod_helpers.hpp"
#include "support/pod_security.hpp"

namespace podlint {
namespace {

class PssRunAsUser final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "pss-run-as-user",
        .severity = Severity::Warning,
        .category = Category::Security,
        .consequence = Consequence::Rejected,
        .security_severity = 7.0,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    const rules::Control control{.level = PodSecurityLevel::Restricted, .since_minor = 23};
    rules::check_control(workload, reporter, control, [](const rules::PodUnderReview& pod) {
      std::vector<rules::Violation> out;
      if (pod.minor() >= 35 && pod.user_namespace()) return out;
      const auto check = [&](const model::SecurityContext* context, const std::string& who) {
        if (context && context->run_as_user.valid() && context->run_as_user.value == 0)
          out.push_back({context->run_as_user.span(), who + " runs as root (runAsUser: 0)"});
      };
      // A pod-level 0 fails even when every container sets another user.
      check(rules::pod_context(pod.spec), "the pod");
      for (const auto& [container, context] : rules::containers_with_context(pod.spec))
        check(context, rules::describe(*container));
      return out;
    });
  }
};

PODLINT_REGISTER_RULE(PssRunAsUser);

}  // namespace
}  // namespace podlint
