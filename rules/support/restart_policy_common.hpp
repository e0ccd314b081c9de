// What the restart-policy rules share: the values a pod spec accepts, the
// ones a workload's kind accepts, and the fixes that set one.
#pragma once

#include <string_view>
#include <vector>

#include "engine/diagnostic.hpp"
#include "model/pod.hpp"
#include "text/suggest.hpp"

namespace podlint::rules {

// The restartPolicy values a pod spec accepts.
inline constexpr std::string_view kPodRestartPolicies[] = {"Always", "OnFailure", "Never"};

inline bool is_pod_restart_policy(std::string_view value) {
  for (std::string_view known : kPodRestartPolicies)
    if (value == known) return true;
  return false;
}

// The pod restartPolicy values a workload's kind accepts, the likeliest
// first: Always for the long-running controllers; OnFailure or Never for a
// Job or CronJob (Never alone with a podFailurePolicy); any for a Pod or
// PodTemplate.
std::vector<std::string_view> allowed_restart_policies(const model::Workload& workload);

// Fixes that give the workload's pod spec a restartPolicy its kind accepts
// (changing the value written, or adding the field): `guess`, the value
// likely meant, when the kind accepts it (safe for a case slip); else the one
// value the kind accepts (safe: nothing else could run); else each value it
// accepts (unsafe: a choice), the likeliest first.
std::vector<Fix> restart_policy_fixes(const model::Workload& workload, std::string_view source,
                                      const text::Guess& guess = {});

}  // namespace podlint::rules
