// pss-baseline-capabilities: the Pod Security Standards' "Capabilities"
// control of the baseline level: containers add only capabilities from its
// allowed list.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "support/pod_helpers.hpp"
#include "support/pod_security.hpp"

namespace podlint {
namespace {

// Exact and case-sensitive, as admission compares them: CAP_CHOWN or chown fail.
constexpr std::array<std::string_view, 13> kAllowed{
    "AUDIT_WRITE",      "CHOWN",   "DAC_OVERRIDE", "FOWNER",  "FSETID", "KILL",      "MKNOD",
    "NET_BIND_SERVICE", "SETFCAP", "SETGID",       "SETPCAP", "SETUID", "SYS_CHROOT"};

class PssBaselineCapabilities final : public rules::ControlRule {
 public:
  // From restricted v1.22 on, pss-restricted-capabilities judges the add list.
  PssBaselineCapabilities()
      : ControlRule("pss-baseline-capabilities", 7.5,
                    {.level = PodSecurityLevel::Baseline, .replaced_at_restricted_from = 22}) {}

 private:
  std::vector<rules::Violation> check(const rules::PodUnderReview& pod) const override {
    std::vector<rules::Violation> out;
    for (const auto& [container, context] : rules::containers_with_context(pod.spec)) {
      if (!context || !context->capabilities) continue;
      for (const auto& added : context->capabilities->add) {
        if (!added.valid() || std::ranges::find(kAllowed, added.value) != kAllowed.end()) continue;
        out.push_back({added.span(), fmt::format("{} adds capability \"{}\", which is not in the baseline's "
                                                 "allowed list",
                                                 rules::describe(*container), added.value)});
      }
    }
    return out;
  }
};

PODLINT_REGISTER_RULE(PssBaselineCapabilities);

}  // namespace
}  // namespace podlint
