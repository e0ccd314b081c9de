#include "restart_policy_common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "engine/edits.hpp"

namespace podlint::rules {

std::vector<std::string_view> allowed_restart_policies(const model::Workload& workload) {
  static constexpr std::array<std::string_view, 5> kLongRunning = {"Deployment", "StatefulSet", "DaemonSet",
                                                                   "ReplicaSet", "ReplicationController"};
  const std::string_view kind = workload.kind.value;
  if (std::find(kLongRunning.begin(), kLongRunning.end(), kind) != kLongRunning.end()) return {"Always"};
  if (!workload.is_job()) return {std::begin(kPodRestartPolicies), std::end(kPodRestartPolicies)};
  // A Job's spec is where its pod template is: spec, or a CronJob's jobTemplate.spec.
  const yaml::Node* job_spec = workload.object ? yaml::find(*workload.object, "spec") : nullptr;
  if (job_spec && kind == "CronJob") {
    const yaml::Node* job_template = yaml::find(yaml::resolve(*job_spec), "jobTemplate");
    job_spec = job_template ? yaml::find(yaml::resolve(*job_template), "spec") : nullptr;
  }
  const yaml::Node* failure_policy =
      job_spec ? yaml::find(yaml::resolve(*job_spec), "podFailurePolicy") : nullptr;
  if (failure_policy && yaml::resolve(*failure_policy).is_mapping()) return {"Never"};
  return {"OnFailure", "Never"};
}

std::vector<Fix> restart_policy_fixes(const model::Workload& workload, std::string_view source,
                                      const text::Guess& guess) {
  if (!workload.pod_spec || !workload.pod_spec->node) return {};
  const std::vector<std::string_view> allowed = allowed_restart_policies(workload);
  std::vector<std::pair<std::string_view, Applicability>> choices;
  if (!guess.word.empty() && guess.unique &&
      std::find(allowed.begin(), allowed.end(), guess.word) != allowed.end()) {
    choices.emplace_back(guess.word, guess.case_only ? Applicability::Safe : Applicability::Unsafe);
  } else if (allowed.size() == 1) {
    choices.emplace_back(allowed.front(), Applicability::Safe);
  } else {
    for (const std::string_view value : allowed)
      choices.emplace_back(value, Applicability::Unsafe);
  }
  const Editor editor(source, workload.object);
  static constexpr std::string_view kPath[] = {"restartPolicy"};
  static constexpr std::string_view kBefore[] = {"containers"};  // where the pages put it
  std::vector<Fix> fixes;
  for (const auto& [value, applicability] : choices) {
    if (auto edit =
            editor.set(*workload.pod_spec->node, kPath, NewValue::string(std::string(value)), kBefore))
      fixes.push_back({fmt::format("Set restartPolicy to {}", value), applicability, {std::move(*edit)}});
  }
  return fixes;
}

}  // namespace podlint::rules
