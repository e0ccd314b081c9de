// pss-restricted-capabilities: the Pod Security Standards' "Capabilities"
// control of the restricted level: every container drops ALL and adds at
// most NET_BIND_SERVICE.
#include <fmt/format.h>

#include <algorithm>

#include "support/pod_helpers.hpp"
#include "support/pod_security.hpp"

namespace podlint {
namespace {

class PssRestrictedCapabilities final : public rules::ControlRule {
 public:
  PssRestrictedCapabilities()
      : ControlRule("pss-restricted-capabilities", 6.0,
                    {.level = PodSecurityLevel::Restricted, .since_minor = 22, .demands_a_setting = true}) {}

 private:
  std::vector<rules::Violation> check(const rules::PodUnderReview& pod) const override {
    std::vector<rules::Violation> out;
    if (pod.windows() && pod.minor() >= 25) return out;  // Linux capabilities do not apply
    for (const auto& [container, context] : rules::containers_with_context(pod.spec)) {
      const model::Capabilities* caps = context && context->capabilities ? &*context->capabilities : nullptr;
      const bool drops_all = caps && std::ranges::any_of(caps->drop, [](const auto& dropped) {
                               return dropped.valid() && dropped.value == "ALL";
                             });
      if (!drops_all) {
        const yaml::Span where = caps      ? caps->key->span
                                 : context ? context->key->span
                                           : rules::container_span(*container);
        rules::Violation violation{where, rules::describe(*container) + " does not drop ALL capabilities"};
        // A drop list there already is the user's to extend.
        if (!caps || caps->node == nullptr || yaml::find(yaml::resolve(*caps->node), "drop") == nullptr)
          violation.fix = rules::Setting{
              container->node,
              {"securityContext", "capabilities", "drop"},
              NewValue::sequence({NewValue::string("ALL")}),
              "Set securityContext.capabilities.drop: [ALL] in " + rules::describe(*container)};
        out.push_back(std::move(violation));
      }
      if (!caps) continue;
      for (const auto& added : caps->add) {
        if (!added.valid() || added.value == "NET_BIND_SERVICE") continue;
        out.push_back(
            {added.span(), fmt::format("{} adds capability \"{}\", but only NET_BIND_SERVICE may be added",
                                       rules::describe(*container), added.value)});
      }
    }
    return out;
  }
};

PODLINT_REGISTER_RULE(PssRestrictedCapabilities);

}  // namespace
}  // namespace podlint
