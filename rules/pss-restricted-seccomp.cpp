// pss-restricted-seccomp: the Pod Security Standards' "Seccomp" control of
// the restricted level: a RuntimeDefault or Localhost profile, set for the
// pod or for every container.
#include <fmt/format.h>

#include "support/pod_helpers.hpp"
#include "support/pod_security.hpp"

namespace podlint {
namespace {

bool allowed(const model::Field<std::string_view>& type) {
  return type.valid() && (type.value == "RuntimeDefault" || type.value == "Localhost");
}

class PssRestrictedSeccomp final : public rules::ControlRule {
 public:
  PssRestrictedSeccomp()
      : ControlRule("pss-restricted-seccomp", 5.5,
                    {.level = PodSecurityLevel::Restricted, .since_minor = 19, .demands_a_setting = true}) {}

 private:
  std::vector<rules::Violation> check(const rules::PodUnderReview& pod) const override {
    std::vector<rules::Violation> out;
    if (pod.windows() && pod.minor() >= 25) return out;  // seccomp is Linux only
    const auto bad_setting = [&](const model::SecurityContext& context, const std::string& who) {
      if (!context.seccomp_type.valid() || context.seccomp_type.value.empty()) {
        out.push_back({context.seccomp_profile_key->span, who + "'s seccompProfile has no type"});
      } else {
        out.push_back({context.seccomp_type.span(),
                       fmt::format("{} sets seccomp profile type \"{}\"", who, context.seccomp_type.value)});
      }
    };
    const model::SecurityContext* pod_context = rules::pod_context(pod.spec);
    bool pod_allowed = false;
    if (pod_context && pod_context->seccomp_profile_key) {
      pod_allowed = allowed(pod_context->seccomp_type);
      // A bad pod-level profile fails even when every container sets a good one.
      if (!pod_allowed) bad_setting(*pod_context, "the pod");
    }
    for (const auto& [container, context] : rules::containers_with_context(pod.spec)) {
      if (context && context->seccomp_profile_key) {
        if (!allowed(context->seccomp_type)) bad_setting(*context, rules::describe(*container));
      } else if (!pod_allowed) {
        out.push_back(
            {context ? context->key->span : rules::container_span(*container),
             fmt::format("{} sets no seccomp profile, nor does the pod", rules::describe(*container))});
      }
    }
    return out;
  }
};

PODLINT_REGISTER_RULE(PssRestrictedSeccomp);

}  // namespace
}  // namespace podlint
