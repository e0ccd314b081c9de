// The configuration that applies to one input: which rules run, at which
// severity, with which options, and whether findings may be waived in the
// manifest itself. Built from the defaults, .podlint.yaml and its per-path
// overrides; the engine only reads it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "engine/diagnostic.hpp"
#include "engine/options.hpp"
#include "engine/pod_security.hpp"

namespace podlint {

struct RuleConfig {
  std::optional<bool> enabled;       // unset: the rule runs
  std::optional<Severity> severity;  // unset: the rule's default
  std::map<std::string, OptionValue, std::less<>>
      options;               // option name -> value, checked against its declaration
  bool no_suppress = false;  // findings may not be waived in source
};

// The Pod Security Standards level podlint checks a pod against when no
// Namespace of the run labels the pod's namespace (podSecurity, --pod-security).
struct PodSecuritySettings {
  PodSecurityLevel level = PodSecurityLevel::Baseline;
  PodSecurityVersion version{};
  std::optional<Severity> severity;  // unset: each control's own (a rule's `severity` wins)
};

// A starting set of rules (`preset`), which `rules` and `overrides` adjust.
enum class Preset : uint8_t {
  Minimal,      // only what the API server or admission rejects
  Recommended,  // every rule that is on by default (the default)
  Strict        // every rule, and the restricted Pod Security level
};

struct LintConfig {
  std::map<std::string, RuleConfig, std::less<>> rules;  // keyed by rule id
  bool allow_suppressions = true;                        // false: no in-source waiver is honoured
  PodSecuritySettings pod_security;
  uint8_t kubernetes_minor = 0;  // the Kubernetes release (1.N) to lint for; 0: the newest supported

  // The settings for one rule, or null when the configuration has none.
  const RuleConfig* rule(std::string_view id) const {
    const auto it = rules.find(id);
    return it == rules.end() ? nullptr : &it->second;
  }
  bool rule_enabled(std::string_view id) const {
    const RuleConfig* r = rule(id);
    return r == nullptr || r->enabled.value_or(true);
  }
  // Whether a comment or annotation in the manifest may waive this rule's findings.
  bool suppression_allowed(std::string_view id) const {
    const RuleConfig* r = rule(id);
    return allow_suppressions && (r == nullptr || !r->no_suppress);
  }
};

}  // namespace podlint
