// pss-run-as-non-root: the Pod Security Standards' "Running as Non-root"
// control (restricted): runAsNonRoot: true for the pod or every container,
// and false nowhere.
#include <fmt/format.h>

#include <optional>

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
    const bool pod_false = pod_field && pod_field->valid() && !pod_field->value;
    if (pod_false) {
      rules::Violation violation{pod_field->span(), "the pod sets runAsNonRoot: false"};
      if (!runs_as_root(pod_context, nullptr))
        violation.fix = rules::Setting{pod.spec.node,
                                       {"securityContext", "runAsNonRoot"},
                                       NewValue::raw("true"),
                                       "Set securityContext.runAsNonRoot: true for the pod"};
      out.push_back(std::move(violation));
    }
    for (const auto& [container, context] : rules::containers_with_context(pod.spec)) {
      const model::Field<bool>* field = context ? &context->run_as_non_root : nullptr;
      std::optional<rules::Violation> violation;
      if (field && field->valid()) {
        if (!field->value)
          violation = {field->span(), rules::describe(*container) + " sets runAsNonRoot: false"};
      } else if (!pod_true) {
        violation = {
            context ? context->key->span : rules::container_span(*container),
            fmt::format("{} does not set runAsNonRoot: true, nor does the pod", rules::describe(*container))};
      }
      if (!violation) continue;
      // A pod-level false still fails, and user 0 would not start.
      if (!pod_false && !runs_as_root(pod_context, context))
        violation->fix = rules::container_setting(*container, "runAsNonRoot", "true");
      out.push_back(std::move(*violation));
    }
    return out;
  }

  // The container's user (its own, else the pod's) is 0: the kubelet does
  // not start it under runAsNonRoot: true.
  static bool runs_as_root(const model::SecurityContext* pod, const model::SecurityContext* container) {
    if (container && container->run_as_user.valid()) return container->run_as_user.value == 0;
    return pod && pod->run_as_user.valid() && pod->run_as_user.value == 0;
  }
};

PODLINT_REGISTER_RULE(PssRunAsNonRoot);

}  // namespace
}  // namespace podlint
