// pss-privilege-escalation: the Pod Security Standards' "Privilege
// Escalation" control (restricted, policy v1.8 on): every container sets
// allowPrivilegeEscalation: false.
#include <fmt/format.h>

#include "support/pod_helpers.hpp"
#include "support/pod_security.hpp"

namespace podlint {
namespace {

class PssPrivilegeEscalation final : public rules::ControlRule {
 public:
  PssPrivilegeEscalation()
      : ControlRule("pss-privilege-escalation", 7.0,
                    {.level = PodSecurityLevel::Restricted, .since_minor = 8, .demands_a_setting = true}) {}

 private:
  std::vector<rules::Violation> check(const rules::PodUnderReview& pod) const override {
    std::vector<rules::Violation> out;
    if (pod.windows() && pod.minor() >= 25) return out;  // no setuid escalation on Windows
    for (const auto& [container, context] : rules::containers_with_context(pod.spec)) {
      const model::Field<bool>* field = context ? &context->allow_privilege_escalation : nullptr;
      if (field && field->valid() && !field->value) continue;
      // Unset means allowed: the kernel's no_new_privs stays off.
      if (field && field->valid()) {
        out.push_back({field->span(), rules::describe(*container) + " allows privilege escalation"});
      } else {
        out.push_back({context ? context->key->span : rules::container_span(*container),
                       rules::describe(*container) + " does not set allowPrivilegeEscalation: false"});
      }
    }
    return out;
  }
};

PODLINT_REGISTER_RULE(PssPrivilegeEscalation);

}  // namespace
}  // namespace podlint
