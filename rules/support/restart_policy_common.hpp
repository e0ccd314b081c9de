// Helpers shared by the restart-policy rules: the accepted values and
// "did you mean" suggestions for near misses.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace podlint::rules {

// The edit distance between two strings, ignoring ASCII case; for "did you
// mean" suggestions.
inline size_t edit_distance_ignoring_case(std::string_view a, std::string_view b) {
  auto lower = [](char ch) { return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch; };
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j)
    prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t substitution = prev[j - 1] + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, substitution});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// The restartPolicy values a pod spec accepts.
inline constexpr std::string_view kPodRestartPolicies[] = {"Always", "OnFailure", "Never"};

inline bool is_pod_restart_policy(std::string_view value) {
  for (std::string_view known : kPodRestartPolicies)
    if (value == known) return true;
  return false;
}

// ` (did you mean "OnFailure"?)` when a restart policy value is a near miss of
// one of `candidates` (a case slip or a typo or two), else empty.
template <class Candidates>
std::string restart_policy_suggestion(std::string_view value, const Candidates& candidates) {
  std::string_view best;
  size_t best_distance = 3;  // more than two edits is a different word
  for (std::string_view known : candidates) {
    const size_t d = edit_distance_ignoring_case(value, known);
    if (d < best_distance) best = known, best_distance = d;
  }
  return best.empty() ? std::string() : fmt::format(" (did you mean \"{}\"?)", best);
}

}  // namespace podlint::rules
