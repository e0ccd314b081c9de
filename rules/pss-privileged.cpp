// pss-privileged: the Pod Security Standards' "Privileged Containers" control
// (baseline): no container may run privileged.
#include <fmt/format.h>

#include "support/pod_helpers.hpp"
#include "support/pod_security.hpp"

namespace podlint {
namespace {

class PssPrivileged final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "pss-privileged",
        .severity = Severity::Warning,
        .category = Category::Security,
        .consequence = Consequence::Rejected,
        .security_severity = 9.0,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    rules::check_control(
        workload, reporter, {.level = PodSecurityLevel::Baseline}, [](const rules::PodUnderReview& pod) {
          std::vector<rules::Violation> out;
          for (const auto& [container, context] : rules::containers_with_context(pod.spec)) {
            if (context && context->privileged.valid() && context->privileged.value)
              out.push_back({context->privileged.span(), rules::describe(*container) + " is privileged"});
          }
          return out;
        });
  }
};

PODLINT_REGISTER_RULE(PssPrivileged);

}  // namespace
}  // namespace podlint
