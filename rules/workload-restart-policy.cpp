// workload-restart-policy: a pod template's restartPolicy that its controller
// does not accept.
#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"
#include "support/restart_policy_common.hpp"

namespace podlint {
namespace {

// The key of the pod spec, found by following the workload's
// pod_spec_path ("spec.jobTemplate.spec.template.spec") from the object.
const yaml::Node* pod_spec_key(const model::Workload& workload) {
  const yaml::Node* mapping = workload.object;
  const yaml::Node* key = nullptr;
  std::string_view path = workload.pod_spec_path;
  while (mapping && !path.empty()) {
    const size_t dot = path.find('.');
    const std::string_view step = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    const yaml::Node& resolved = yaml::resolve(*mapping);
    mapping = nullptr;
    if (!resolved.is_mapping()) break;
    for (const yaml::Pair& pair : resolved.pairs) {
      if (pair.key && pair.key->is_scalar() && pair.key->value == step) {
        key = pair.key;
        mapping = pair.value;
      }
    }
  }
  return path.empty() && mapping ? key : nullptr;
}

class WorkloadRestartPolicy final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "workload-restart-policy",
        .severity = Severity::Error,
        .category = Category::RestartPolicy,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec || !workload.kind.valid()) return;
    const std::string_view kind = workload.kind.value;
    const auto& policy = workload.pod_spec->restart_policy;
    // A type error is the schema rules' finding; null and empty, like absent,
    // are defaulted to Always.
    if (policy.present() && !policy.valid() && !rules::is_null(policy.node)) return;
    const std::string_view value = policy.valid() ? policy.value : std::string_view();
    if (!value.empty() && !rules::is_pod_restart_policy(value)) return;  // invalid-restart-policy's
    const std::vector<std::string_view> allowed = rules::allowed_restart_policies(workload);
    if (std::find(allowed.begin(), allowed.end(), value.empty() ? "Always" : value) != allowed.end()) return;

    Diagnostic* finding = nullptr;
    if (workload.is_job()) {
      // Only Never goes with a podFailurePolicy.
      const std::string choices =
          allowed.size() == 1 ? "Never (a podFailurePolicy allows no other)" : "OnFailure or Never";
      if (!value.empty()) {
        finding = &reporter.report(
            policy.span(),
            fmt::format("restartPolicy \"{}\" is not allowed in a {}: use {}", value, kind, choices));
      } else {
        const yaml::Node* key = pod_spec_key(workload);
        finding =
            &reporter.report(policy.present() ? policy.span()
                             : key            ? key->span
                                              : workload.pod_spec->node->span,
                             fmt::format("a {}'s pods must not use the default restartPolicy (Always): add "
                                         "restartPolicy: {}",
                                         kind, choices));
      }
    } else {
      finding = &reporter.report(policy.span(),
                                 fmt::format("restartPolicy \"{}\" is not allowed in a {}: its pods must use "
                                             "Always (remove the field or set it to Always)",
                                             value, kind));
    }
    finding->fixes = rules::restart_policy_fixes(workload, reporter.source());
  }
};

PODLINT_REGISTER_RULE(WorkloadRestartPolicy);

}  // namespace
}  // namespace podlint
