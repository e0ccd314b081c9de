// pss-privileged: the Pod Security Standards' "Privileged Containers" control
// (baseline): no container may run privileged.
#include <fmt/format.h>

#include "support/pod_helpers.hpp"
#include "support/pod_security.hpp"

namespace podlint {
namespace {

class PssPrivileged final : public rules::ControlRule {
 public:
  PssPrivileged() : ControlRule("pss-privileged", 9.0, {.level = PodSecurityLevel::Baseline}) {}

 private:
  std::vector<rules::Violation> check(const rules::PodUnderReview& pod) const override {
    std::vector<rules::Violation> out;
    for (const auto& [container, context] : rules::containers_with_context(pod.spec)) {
      if (context && context->privileged.valid() && context->privileged.value)
        out.push_back({context->privileged.span(), rules::describe(*container) + " is privileged"});
    }
    return out;
  }
};

PODLINT_REGISTER_RULE(PssPrivileged);

}  // namespace
}  // namespace podlint
