// pss-privilege-escalation: the Pod Security Standards' "Privilege
// Escalation" control (restricted, policy v1.8 on): every container sets
// allowPrivilegeEscalation: false.
#include <fmt/format.h>

#include <algorithm>

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
      rules::Violation violation =
          field && field->valid()
              ? rules::Violation{field->span(), rules::describe(*container) + " allows privilege escalation"}
              : rules::Violation{
                    context ? context->key->span : rules::container_span(*container),
                    rules::describe(*container) + " does not set allowPrivilegeEscalation: false"};
      if (may_forbid_escalation(context))
        violation.fix = rules::container_setting(*container, "allowPrivilegeEscalation", "false");
      out.push_back(std::move(violation));
    }
    return out;
  }

  // The API refuses allowPrivilegeEscalation: false beside privileged: true
  // or an added CAP_SYS_ADMIN (SYS_ADMIN is left alone too: it is the same
  // power, however spelt).
  static bool may_forbid_escalation(const model::SecurityContext* context) {
    if (context == nullptr) return true;
    if (context->privileged.valid() && context->privileged.value) return false;
    if (!context->capabilities) return true;
    return std::ranges::none_of(context->capabilities->add, [](const auto& added) {
      return added.valid() && (added.value == "CAP_SYS_ADMIN" || added.value == "SYS_ADMIN");
    });
  }
};

PODLINT_REGISTER_RULE(PssPrivilegeEscalation);

}  // namespace
}  // namespace podlint
