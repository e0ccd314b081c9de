// .podlint.yaml: reading and checking it, with the position of every problem,
// and resolving the LintConfig that applies to one file: the rules' defaults,
// then the file's `rules`, then each of its `overrides` whose globs match the
// file, in order.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/config.hpp"
#include "engine/diagnostic.hpp"
#include "yaml/source.hpp"

namespace podlint {

struct RuleInfo;

// A problem with a configuration file: "path:line:col: error: message", or
// "path: error: message" for the file as a whole (e.g. unreadable).
struct ConfigError {
  std::string path;
  std::optional<yaml::Position> position;
  std::string message;

  std::string format() const;
};

template <class T>
struct Located {
  T value;
  yaml::Position position;
};

// One rule's entry in a `rules` mapping, as written.
struct RuleEntry {
  std::optional<Located<bool>> enabled;
  std::optional<Located<Severity>> severity;
  std::map<std::string, Located<OptionValue>, std::less<>> options;
  std::optional<Located<bool>> no_suppress;
};
using RuleEntries = std::map<std::string, RuleEntry, std::less<>>;

// A podSecurity mapping, as written.
struct PodSecurityEntry {
  std::optional<Located<PodSecurityLevel>> level;
  std::optional<Located<PodSecurityVersion>> version;
  std::optional<Located<Severity>> severity;
};

struct ConfigOverride {
  std::vector<Located<std::string>> files;  // globs
  RuleEntries rules;
  PodSecurityEntry pod_security;
};

struct ConfigFile {
  std::string path;                 // as shown in messages and origins
  std::filesystem::path directory;  // absolute: the globs are relative to it
  bool given = false;               // named with --config rather than discovered
  std::optional<Located<Preset>> preset;
  RuleEntries rules;
  PodSecurityEntry pod_security;
  std::optional<Located<bool>> allow_suppressions;
  std::optional<Located<uint8_t>> kubernetes_minor;  // kubernetesVersion: 1.N
  std::vector<Located<std::string>> ignore;          // globs
  std::vector<ConfigOverride> overrides;
};

// Parses and checks a configuration file's text against the configuration
// schema (schema/podlint-config.schema.json) and the registered rules and
// their options. Every problem goes to `errors`; the result is only
// meaningful when there is none.
ConfigFile parse_config(std::string path, std::string_view text, std::vector<ConfigError>& errors);

// "minimal", "recommended", "strict".
std::string_view preset_name(Preset preset);
// Whether a preset turns a rule on: minimal, the rules whose findings the API
// server or admission rejects; recommended, the rules on by default; strict,
// every rule.
bool preset_enables(Preset preset, const RuleInfo& rule);

// The configuration one file is linted with, and where each setting came from.
struct ResolvedConfig {
  LintConfig config;
  const ConfigFile* file = nullptr;  // null: no configuration file, the defaults
  // Where each setting that is not a default came from, e.g.
  // "missing-resources.severity" -> ".podlint.yaml:4:15". Keys:
  // "<rule>.enabled", "<rule>.severity", "<rule>.noSuppress",
  // "<rule>.options.<name>", "suppressions.allow", "preset", "kubernetesVersion",
  // "podSecurity.level", "podSecurity.version", "podSecurity.severity".
  std::map<std::string, std::string, std::less<>> origins;
  // Set when an `ignore` glob matches the file: the glob and where it is.
  std::optional<std::string> ignored_by;

  // The origin of a setting, "default" when it has none.
  std::string_view origin(std::string_view key) const;
};

// Resolves `file` (null: the defaults) for `target`, an absolute normalized
// path; without a target (stdin without --stdin-filename) no `ignore` or
// `overrides` glob applies.
ResolvedConfig resolve_config(const ConfigFile* file, const std::optional<std::filesystem::path>& target);

}  // namespace podlint
