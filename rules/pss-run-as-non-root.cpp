// pss-run-as-non-root: the Pod Security Standards' "Running as Non-root"
// control (restricted): runAsNonRoot: true for the pod or every container,
// and false nowhere.
#include <fmt/format.h>

#include "support/pod_helpers.hpp"
#include "support/pod_security.hpp"

namespace podlint {
namespace {

class PssRunAsNonRoot final : public rules::ControlRule {
 public:
  PssRunAsNonRoot()
      : ControlRule("pss-run-as-non-root", 6.5,
                    {.level = PodSecurityLevel::Restricted, .demands_a_setting = true}) {}

 private:
  std::vector<rules::Violation> check(const rules::PodUnderReview& pod) const override {
    std::vector<rules::Violation> out;
    // From v1.35, root in a pod's own user namespace is no root of the node.
    if (pod.minor() >= 35 && pod.user_namespace()) return out;
    const model::SecurityContext* pod_context = rules::pod_context(pod.spec);
    const model::Field<bool>* pod_field = pod_context ? &pod_context->run_as_non_root : nullptr;
    const bool pod_true = pod_field && pod_field->valid() && pod_field->value;
    // A pod-level false fails even when every container says true.
    if (pod_field && pod_field->valid() && !pod_field->value)
      out.push_back({pod_field->span(), "the pod sets runAsNonRoot: false"});
    for (const auto& [container, context] : rules::containers_with_context(pod.spec)) {
      const model::Field<bool>* field = context ? &context->run_as_non_root : nullptr;
      if (field && field->valid()) {
        if (!field->value)
          out.push_back({field->span(), rules::describe(*container) + " sets runAsNonRoot: false"});
      } else if (!pod_true) {
        out.push_back({context ? context->key->span : rules::container_span(*container),
                       fmt::format("{} does not set runAsNonRoot: true, nor does the pod",
                                   rules::describe(*container))});
      }
    }
    return out;
  }
};

PODLINT_REGISTER_RULE(PssRunAsNonRoot);

}  // namespace
}  // namespace podlint
