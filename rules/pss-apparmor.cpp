// pss-apparmor: the Pod Security Standards' "AppArmor" control (baseline):
// no AppArmor profile other than RuntimeDefault or Localhost, in the
// appArmorProfile fields or the legacy per-container annotations.
#include <fmt/format.h>

#include "support/pod_helpers.hpp"
#include "support/pod_security.hpp"

namespace podlint {
namespace {

constexpr std::string_view kAnnotationPrefix = "container.apparmor.security.beta.kubernetes.io/";

class PssAppArmor final : public rules::ControlRule {
 public:
  PssAppArmor() : ControlRule("pss-apparmor", 6.0, {.level = PodSecurityLevel::Baseline}) {}

 private:
  std::vector<rules::Violation> check(const rules::PodUnderReview& pod) const override {
    std::vector<rules::Violation> out;
    const auto judge = [&](const model::SecurityContext* context, const std::string& who) {
      if (!context || !context->app_armor_profile) return;
      const auto& type = context->app_armor_type;
      if (!type.valid() || type.value.empty()) {
        out.push_back({context->app_armor_profile_key->span, who + "'s appArmorProfile has no type"});
      } else if (type.value != "RuntimeDefault" && type.value != "Localhost") {
        out.push_back({type.span(), fmt::format("{} sets AppArmor profile type \"{}\"", who, type.value)});
      }
    };
    judge(rules::pod_context(pod.spec), "the pod");
    for (const auto& [container, context] : rules::containers_with_context(pod.spec))
      judge(context, rules::describe(*container));
    // Every annotation with the prefix counts, whether or not it names a container.
    if (pod.workload.pod_annotations) {
      for (const yaml::Pair& pair : yaml::resolve(*pod.workload.pod_annotations).pairs) {
        const yaml::Node& key = yaml::resolve(*pair.key);
        const yaml::Node& value = yaml::resolve(*pair.value);
        if (!key.is_scalar() || !key.value.starts_with(kAnnotationPrefix) || !value.is_scalar()) continue;
        if (value.value.empty() || value.value == "runtime/default" || value.value.starts_with("localhost/"))
          continue;
        out.push_back(
            {value.span, fmt::format("annotation {} sets AppArmor profile \"{}\"", key.value, value.value)});
      }
    }
    return out;
  }
};

PODLINT_REGISTER_RULE(PssAppArmor);

}  // namespace
}  // namespace podlint
