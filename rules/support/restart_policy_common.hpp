// What the restart-policy rules share: the values a pod spec accepts.
#pragma once

#include <string_view>

namespace podlint::rules {

// The restartPolicy values a pod spec accepts.
inline constexpr std::string_view kPodRestartPolicies[] = {"Always", "OnFailure", "Never"};

inline bool is_pod_restart_policy(std::string_view value) {
  for (std::string_view known : kPodRestartPolicies)
    if (value == known) return true;
  return false;
}

}  // namespace podlint::rules
