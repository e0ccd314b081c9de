// pss-baseline-seccomp: the Pod Security Standards' "Seccomp" control of the
// baseline level: no seccomp profile other than RuntimeDefault or Localhost
// (policies before v1.19 read the alpha annotations instead).
#include <fmt/format.h>

#include <algorithm>

#include "support/pod_helpers.hpp"
#include "support/pod_security.hpp"

namespace podlint {
namespace {

constexpr std::string_view kPodAnnotation = "seccomp.security.alpha.kubernetes.io/pod";
constexpr std::string_view kContainerAnnotationPrefix = "container.seccomp.security.alpha.kubernetes.io/";

bool allowed_annotation(std::string_view value) {
  return value == "runtime/default" || value == "docker/default" || value.starts_with("localhost/");
}

class PssBaselineSeccomp final : public rules::ControlRule {
 public:
  // From restricted v1.19 on, pss-restricted-seccomp judges the profiles.
  PssBaselineSeccomp()
      : ControlRule("pss-baseline-seccomp", 6.0,
                    {.level = PodSecurityLevel::Baseline, .replaced_at_restricted_from = 19}) {}

 private:
  std::vector<rules::Violation> check(const rules::PodUnderReview& pod) const override {
    return pod.minor() >= 19 ? fields(pod) : annotations(pod);
  }

  static std::vector<rules::Violation> fields(const rules::PodUnderReview& pod) {
    std::vector<rules::Violation> out;
    const auto judge = [&](const model::SecurityContext* context, const std::string& who) {
      if (!context || !context->seccomp_profile_key) return;
      const auto& type = context->seccomp_type;
      if (!type.valid() || type.value.empty()) {
        out.push_back({context->seccomp_profile_key->span, who + "'s seccompProfile has no type"});
      } else if (type.value != "RuntimeDefault" && type.value != "Localhost") {
        out.push_back({type.span(), fmt::format("{} sets seccomp profile type \"{}\"", who, type.value)});
      }
    };
    judge(rules::pod_context(pod.spec), "the pod");
    for (const auto& [container, context] : rules::containers_with_context(pod.spec))
      judge(context, rules::describe(*container));
    return out;
  }

  // Only the pod's annotation and those naming one of its containers count.
  static std::vector<rules::Violation> annotations(const rules::PodUnderReview& pod) {
    std::vector<rules::Violation> out;
    if (!pod.workload.pod_annotations) return out;
    const auto containers = pod.spec.all_containers();
    for (const yaml::Pair& pair : yaml::resolve(*pod.workload.pod_annotations).pairs) {
      const yaml::Node& key = yaml::resolve(*pair.key);
      const yaml::Node& value = yaml::resolve(*pair.value);
      if (!key.is_scalar() || !value.is_scalar()) continue;
      bool applies = key.value == kPodAnnotation;
      if (key.value.starts_with(kContainerAnnotationPrefix)) {
        const std::string_view name = key.value.substr(kContainerAnnotationPrefix.size());
        applies = std::ranges::any_of(
            containers, [&](const model::Container* c) { return c->name.valid() && c->name.value == name; });
      }
      if (applies && !allowed_annotation(value.value))
        out.push_back(
            {value.span, fmt::format("annotation {} sets seccomp profile \"{}\"", key.value, value.value)});
    }
    return out;
  }
};

PODLINT_REGISTER_RULE(PssBaselineSeccomp);

}  // namespace
}  // namespace podlint
