// pss-selinux: the Pod Security Standards' "SELinux" control (baseline): an
// SELinux type from the allowed set, and no custom user or role.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "support/pod_helpers.hpp"
#include "support/pod_security.hpp"

namespace podlint {
namespace {

class PssSeLinux final : public rules::ControlRule {
 public:
  PssSeLinux() : ControlRule("pss-selinux", 6.5, {.level = PodSecurityLevel::Baseline}) {}

 private:
  std::vector<rules::Violation> check(const rules::PodUnderReview& pod) const override {
    // container_engine_t joined the allowed types at policy v1.31.
    constexpr std::array<std::string_view, 5> kTypes{"", "container_t", "container_init_t", "container_kvm_t",
                                                     "container_engine_t"};
    const size_t allowed_types = pod.minor() >= 31 ? kTypes.size() : kTypes.size() - 1;
    std::vector<rules::Violation> out;
    const auto judge = [&](const model::SecurityContext* context, const std::string& who) {
      if (!context || !context->se_linux_options) return;
      const model::SeLinuxOptions& options = *context->se_linux_options;
      if (options.type.valid() && std::find(kTypes.begin(), kTypes.begin() + allowed_types,
                                            options.type.value) == kTypes.begin() + allowed_types)
        out.push_back(
            {options.type.span(), fmt::format("{} sets SELinux type \"{}\"", who, options.type.value)});
      if (options.user.valid() && !options.user.value.empty())
        out.push_back(
            {options.user.span(), fmt::format("{} sets SELinux user \"{}\"", who, options.user.value)});
      if (options.role.valid() && !options.role.value.empty())
        out.push_back(
            {options.role.span(), fmt::format("{} sets SELinux role \"{}\"", who, options.role.value)});
    };
    judge(rules::pod_context(pod.spec), "the pod");
    for (const auto& [container, context] : rules::containers_with_context(pod.spec))
      judge(context, rules::describe(*container));
    return out;
  }
};

PODLINT_REGISTER_RULE(PssSeLinux);

}  // namespace
}  // namespace podlint
