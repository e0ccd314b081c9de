#include "engine/config_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <span>
#include <utility>

#include "engine/glob.hpp"
#include "engine/rule.hpp"
#include "model/scalar.hpp"
#include "schema/schema.hpp"
#include "text/suggest.hpp"
#include "yaml/parser.hpp"

namespace podlint {

namespace fs = std::filesystem;

std::string ConfigError::format() const {
  if (!position) return fmt::format("{}: error: {}", path, message);
  return fmt::format("{}:{}:{}: error: {}", path, position->line, position->column, message);
}

std::string_view ResolvedConfig::origin(std::string_view key) const {
  const auto it = origins.find(key);
  return it == origins.end() ? std::string_view("default") : std::string_view(it->second);
}

namespace {

constexpr std::array<std::string_view, 7> kTopLevelKeys{
    "preset", "rules", "podSecurity", "suppressions", "ignore", "overrides", "kubernetesVersion"};
constexpr std::array<std::string_view, 4> kRuleKeys{"enabled", "severity", "options", "noSuppress"};
constexpr std::array<std::string_view, 1> kSuppressionKeys{"allow"};
constexpr std::array<std::string_view, 3> kOverrideKeys{"files", "rules", "podSecurity"};
constexpr std::array<std::string_view, 3> kPodSecurityKeys{"level", "version", "severity"};
constexpr std::array<std::string_view, 3> kSeverities{"error", "warning", "info"};
constexpr std::array<std::string_view, 3> kPresets{"minimal", "recommended", "strict"};

std::optional<Severity> parse_severity(std::string_view name) {
  if (name == "error") return Severity::Error;
  if (name == "warning") return Severity::Warning;
  if (name == "info") return Severity::Info;
  return std::nullopt;
}

bool is_text(const yaml::Node& node) {
  return model::scalar_type(node) == model::ScalarType::String;
}

// Walks a parsed configuration file and checks it as it goes.
class Checker {
 public:
  Checker(ConfigFile& file, std::vector<ConfigError>& errors) : file_(file), errors_(errors) {
    for (const auto& rule : all_rules())
      rule_ids_.push_back(rule->info().id);
  }

  void check_root(const yaml::Node& root) {
    if (model::scalar_type(root) == model::ScalarType::Null) return;  // empty: the defaults
    for_each_key(root, "the configuration", kTopLevelKeys,
                 [&](std::string_view key, const yaml::Node& value) {
                   if (key == "preset") {
                     file_.preset = preset(value);
                   } else if (key == "podSecurity") {
                     pod_security(value, file_.pod_security);
                   } else if (key == "rules") {
                     rules(value, file_.rules);
                   } else if (key == "suppressions") {
                     for_each_key(value, "suppressions", kSuppressionKeys,
                                  [&](std::string_view, const yaml::Node& allow) {
                                    file_.allow_suppressions = boolean(allow);
                                  });
                   } else if (key == "ignore") {
                     file_.ignore = globs(value);
                   } else if (key == "kubernetesVersion") {
                     kubernetes_version(value);
                   } else {
                     overrides(value);
                   }
                 });
  }

 private:
  void error(const yaml::Node& node, std::string message) {
    errors_.push_back({file_.path, node.span.begin, std::move(message)});
  }

  // `of` names the owner of an option.
  void unknown(const yaml::Node& key, std::string_view what, std::span<const std::string_view> known,
               std::string_view of = {}) {
    error(key,
          fmt::format("unknown {} \"{}\"{}{}", what, key.value, of, text::did_you_mean(key.value, known)));
  }

  // Calls `visit` for each pair of a mapping whose key is one of `known`;
  // reports the others, and a node that is not a mapping.
  template <class Visit>
  void for_each_key(const yaml::Node& raw, std::string_view what, std::span<const std::string_view> known,
                    Visit visit) {
    const yaml::Node& node = yaml::resolve(raw);
    if (!node.is_mapping()) {
      error(node, fmt::format("{} must be a mapping, found {}", what, model::describe_value(node)));
      return;
    }
    for (const yaml::Pair& pair : node.pairs) {
      const yaml::Node& key = yaml::resolve(*pair.key);
      const auto it = std::find(known.begin(), known.end(), key.value);
      if (!is_text(key) || it == known.end()) {
        unknown(key, "key", known);
        continue;
      }
      visit(*it, yaml::resolve(*pair.value));
    }
  }

  // "1.30" as written: a plain 1.30 is read by its text, not as the number 1.3.
  void kubernetes_version(const yaml::Node& node) {
    const auto minor = node.is_scalar() ? schema::parse_kubernetes_version(node.value) : std::nullopt;
    if (!minor) {
      error(node,
            fmt::format("kubernetesVersion must be a Kubernetes release from {} to {} (such as \"{}\"), "
                        "found {}",
                        supported_release(schema::oldest_minor()), schema::kubernetes_version(),
                        schema::kubernetes_version(), model::describe_value(node)));
      return;
    }
    file_.kubernetes_minor = Located<uint8_t>{*minor, node.span.begin};
  }

  static std::string supported_release(uint8_t minor) { return fmt::format("1.{}", minor); }

  std::optional<Located<bool>> boolean(const yaml::Node& node) {
    if (const auto value = model::parse_bool(node)) return Located<bool>{*value, node.span.begin};
    error(node, fmt::format("expected true or false, found {}", model::describe_value(node)));
    return std::nullopt;
  }

  std::optional<Located<Preset>> preset(const yaml::Node& node) {
    const auto* known =
        is_text(node) ? std::find(kPresets.begin(), kPresets.end(), node.value) : kPresets.end();
    if (known != kPresets.end())
      return Located<Preset>{static_cast<Preset>(known - kPresets.begin()), node.span.begin};
    error(node,
          fmt::format("expected minimal, recommended or strict, found {}{}", model::describe_value(node),
                      is_text(node) ? text::did_you_mean(node.value, kPresets) : ""));
    return std::nullopt;
  }

  void pod_security(const yaml::Node& node, PodSecurityEntry& out) {
    for_each_key(node, "podSecurity", kPodSecurityKeys, [&](std::string_view key, const yaml::Node& value) {
      if (key == "severity") {
        out.severity = severity(value);
      } else if (key == "level") {
        const auto level = is_text(value) ? parse_pod_security_level(value.value) : std::nullopt;
        if (level) {
          out.level = Located<PodSecurityLevel>{*level, value.span.begin};
        } else {
          error(value,
                fmt::format(
                    "expected privileged, baseline or restricted, found {}{}", model::describe_value(value),
                    is_text(value) ? text::did_you_mean(value.value, pod_security_level_names()) : ""));
        }
      } else {
        // YAML reads `v1.30` as a string but `1.30` as a number: both are reported as written.
        const auto version = value.is_scalar() ? parse_pod_security_version(value.value) : std::nullopt;
        if (version) {
          out.version = Located<PodSecurityVersion>{*version, value.span.begin};
        } else {
          error(value, fmt::format("expected latest or a version such as v1.30, found {}",
                                   model::describe_value(value)));
        }
      }
    });
  }

  std::vector<Located<std::string>> globs(const yaml::Node& node) {
    std::vector<Located<std::string>> out;
    if (!node.is_sequence()) {
      error(node, fmt::format("expected a list of globs, found {}", model::describe_value(node)));
      return out;
    }
    for (const yaml::Node* raw : node.items) {
      const yaml::Node& item = yaml::resolve(*raw);
      if (!is_text(item) || item.value.empty()) {
        error(item, fmt::format("expected a glob, found {}", model::describe_value(item)));
      } else if (item.value.front() == '/') {
        error(item, "a glob is relative to the configuration file's directory: remove the leading '/'");
      } else {
        out.push_back({std::string(item.value), item.span.begin});
      }
    }
    return out;
  }

  void rules(const yaml::Node& node, RuleEntries& out) {
    if (model::scalar_type(node) == model::ScalarType::Null) return;
    if (!node.is_mapping()) {
      error(node, fmt::format("rules must be a mapping of rule ids, found {}", model::describe_value(node)));
      return;
    }
    for (const yaml::Pair& pair : node.pairs) {
      const yaml::Node& key = yaml::resolve(*pair.key);
      const Rule* rule = is_text(key) ? find_rule(key.value) : nullptr;
      if (rule == nullptr) {
        unknown(key, "rule", rule_ids_);
        continue;
      }
      rule_entry(yaml::resolve(*pair.value), rule->info(), out[std::string(key.value)]);
    }
  }

  // A rule's setting: a shorthand (off, on, a severity, or a boolean), or a mapping.
  void rule_entry(const yaml::Node& node, const RuleInfo& rule, RuleEntry& entry) {
    if (node.is_mapping()) {
      for_each_key(node, "a rule's setting", kRuleKeys, [&](std::string_view key, const yaml::Node& value) {
        if (key == "enabled") {
          entry.enabled = boolean(value);
        } else if (key == "severity") {
          entry.severity = severity(value);
        } else if (key == "noSuppress") {
          entry.no_suppress = boolean(value);
        } else {
          options(value, rule, entry);
        }
      });
      return;
    }
    if (const auto on = model::parse_bool(node)) {
      entry.enabled = Located<bool>{*on, node.span.begin};
    } else if (is_text(node) && (node.value == "off" || node.value == "on")) {
      entry.enabled = Located<bool>{node.value == "on", node.span.begin};
    } else if (const auto level = is_text(node) ? parse_severity(node.value) : std::nullopt) {
      entry.enabled = Located<bool>{true, node.span.begin};
      entry.severity = Located<Severity>{*level, node.span.begin};
    } else {
      error(node, fmt::format("expected off, on, error, warning, info or a mapping, found {}",
                              model::describe_value(node)));
    }
  }

  std::optional<Located<Severity>> severity(const yaml::Node& node) {
    if (const auto level = is_text(node) ? parse_severity(node.value) : std::nullopt)
      return Located<Severity>{*level, node.span.begin};
    error(node, fmt::format("expected error, warning or info, found {}{}", model::describe_value(node),
                            is_text(node) ? text::did_you_mean(node.value, kSeverities) : ""));
    return std::nullopt;
  }

  void options(const yaml::Node& node, const RuleInfo& rule, RuleEntry& entry) {
    if (!node.is_mapping()) {
      error(node, fmt::format("options must be a mapping, found {}", model::describe_value(node)));
      return;
    }
    std::vector<std::string_view> names;
    for (const OptionSpec* option : rule.options)
      names.push_back(option->name());
    for (const yaml::Pair& pair : node.pairs) {
      const yaml::Node& key = yaml::resolve(*pair.key);
      const auto known = std::find(names.begin(), names.end(), key.value);
      if (!is_text(key) || known == names.end()) {
        if (names.empty()) {
          error(key, fmt::format("rule {} has no options", rule.id));
        } else {
          unknown(key, "option", names, fmt::format(" of rule {}", rule.id));
        }
        continue;
      }
      const OptionSpec& option = *rule.options[static_cast<size_t>(known - names.begin())];
      std::string problem;
      const yaml::Node* at = nullptr;
      if (auto value = option.parse(*pair.value, problem, at)) {
        entry.options[std::string(key.value)] = {std::move(*value), pair.value->span.begin};
      } else {
        error(*at, fmt::format("option {} of rule {}: {}", option.name(), rule.id, problem));
      }
    }
  }

  void overrides(const yaml::Node& node) {
    if (!node.is_sequence()) {
      error(node, fmt::format("overrides must be a list, found {}", model::describe_value(node)));
      return;
    }
    for (const yaml::Node* raw : node.items) {
      const yaml::Node& item = yaml::resolve(*raw);
      ConfigOverride entry;
      bool has_files = false;
      for_each_key(item, "an override", kOverrideKeys, [&](std::string_view key, const yaml::Node& value) {
        if (key == "files") {
          has_files = true;
          entry.files = globs(value);
          if (value.is_sequence() && value.items.empty()) error(value, "an override needs at least one glob");
        } else if (key == "podSecurity") {
          pod_security(value, entry.pod_security);
        } else {
          rules(value, entry.rules);
        }
      });
      if (item.is_mapping() && !has_files)
        error(item, "an override needs \"files\", the globs it applies to");
      file_.overrides.push_back(std::move(entry));
    }
  }

  ConfigFile& file_;
  std::vector<ConfigError>& errors_;
  std::vector<std::string_view> rule_ids_;
};

// Applies one layer of rule entries; `where` says where a position is.
template <class Where>
void apply(const RuleEntries& entries, Where where, ResolvedConfig& out) {
  for (const auto& [id, entry] : entries) {
    RuleConfig& rule = out.config.rules[id];
    if (entry.enabled) {
      rule.enabled = entry.enabled->value;
      out.origins[id + ".enabled"] = where(entry.enabled->position);
    }
    if (entry.severity) {
      rule.severity = entry.severity->value;
      out.origins[id + ".severity"] = where(entry.severity->position);
    }
    if (entry.no_suppress) {
      rule.no_suppress = entry.no_suppress->value;
      out.origins[id + ".noSuppress"] = where(entry.no_suppress->position);
    }
    for (const auto& [name, value] : entry.options) {
      rule.options[name] = value.value;
      out.origins[id + ".options." + name] = where(value.position);
    }
  }
}

// Applies a podSecurity mapping; `where` says where a position is.
template <class Where>
void apply(const PodSecurityEntry& entry, Where where, ResolvedConfig& out) {
  PodSecuritySettings& settings = out.config.pod_security;
  if (entry.level) {
    settings.level = entry.level->value;
    out.origins["podSecurity.level"] = where(entry.level->position);
  }
  if (entry.version) {
    settings.version = entry.version->value;
    out.origins["podSecurity.version"] = where(entry.version->position);
  }
  if (entry.severity) {
    settings.severity = entry.severity->value;
    out.origins["podSecurity.severity"] = where(entry.severity->position);
  }
}

// The rules a preset turns on or off, and the Pod Security level it starts
// from; `origin` is empty for the default preset.
void apply_preset(Preset preset, const std::string& origin, ResolvedConfig& out) {
  for (const auto& rule : all_rules()) {
    const RuleInfo& info = rule->info();
    const bool enabled = preset_enables(preset, info);
    if (enabled && origin.empty()) continue;  // on by default: nothing to record
    const std::string id(info.id);
    out.config.rules[id].enabled = enabled;
    if (!origin.empty()) out.origins[id + ".enabled"] = origin;
  }
  const PodSecurityLevel level = preset == Preset::Minimal  ? PodSecurityLevel::Privileged
                                 : preset == Preset::Strict ? PodSecurityLevel::Restricted
                                                            : PodSecurityLevel::Baseline;
  out.config.pod_security.level = level;
  if (!origin.empty() && preset != Preset::Recommended) out.origins["podSecurity.level"] = origin;
}

}  // namespace

std::string_view preset_name(Preset preset) {
  return kPresets[static_cast<size_t>(preset)];
}

bool preset_enables(Preset preset, const RuleInfo& rule) {
  switch (preset) {
    case Preset::Minimal:
      return rule.consequence == Consequence::Rejected;
    case Preset::Recommended:
      return rule.enabled_by_default;
    case Preset::Strict:
      break;
  }
  return true;
}

ConfigFile parse_config(std::string path, std::string_view text, std::vector<ConfigError>& errors) {
  ConfigFile file;
  file.path = std::move(path);
  const yaml::Stream stream = yaml::parse(text);
  const size_t first_error = errors.size();
  bool broken = false;
  for (const auto& document : stream.documents) {
    for (const auto& e : document.errors)
      errors.push_back({file.path, e.span.begin, e.message});
    broken = broken || document.broken();
  }
  if (stream.documents.size() > 1) {
    errors.push_back({file.path, stream.documents[1].span.begin, "a configuration file holds one document"});
  } else if (!broken && !stream.documents.empty() && stream.documents.front().root != nullptr) {
    Checker(file, errors).check_root(*stream.documents.front().root);
  }
  std::stable_sort(
      errors.begin() + static_cast<std::ptrdiff_t>(first_error), errors.end(),
      [](const ConfigError& a, const ConfigError& b) { return a.position->offset < b.position->offset; });
  return file;
}

ResolvedConfig resolve_config(const ConfigFile* file, const std::optional<fs::path>& target) {
  ResolvedConfig out;
  out.file = file;
  if (file == nullptr || !file->preset) apply_preset(Preset::Recommended, {}, out);
  if (file == nullptr) return out;
  const auto at = [&](const yaml::Position& p) {
    return fmt::format("{}:{}:{}", file->path, p.line, p.column);
  };
  if (file->preset) {
    out.origins["preset"] = at(file->preset->position);
    apply_preset(file->preset->value,
                 fmt::format("preset {} ({})", preset_name(file->preset->value), at(file->preset->position)),
                 out);
  }
  apply(file->pod_security, at, out);
  if (file->allow_suppressions) {
    out.config.allow_suppressions = file->allow_suppressions->value;
    out.origins["suppressions.allow"] = at(file->allow_suppressions->position);
  }
  if (file->kubernetes_minor) {
    out.config.kubernetes_minor = file->kubernetes_minor->value;
    out.origins["kubernetesVersion"] = at(file->kubernetes_minor->position);
  }
  apply(file->rules, at, out);
  if (!target) return out;
  const fs::path relative = target->lexically_relative(file->directory);
  if (relative.empty() || *relative.begin() == "..") return out;  // outside the file's directory
  const std::string path = relative.generic_string();
  for (const auto& glob : file->ignore) {
    if (glob_matches(glob.value, path)) {
      out.ignored_by = fmt::format("\"{}\" at {}", glob.value, at(glob.position));
      break;
    }
  }
  for (size_t i = 0; i < file->overrides.size(); ++i) {
    const ConfigOverride& override = file->overrides[i];
    const bool matches = std::any_of(override.files.begin(), override.files.end(),
                                     [&](const auto& glob) { return glob_matches(glob.value, path); });
    if (!matches) continue;
    const auto where = [&](const yaml::Position& p) {
      return fmt::format("override #{} ({})", i + 1, at(p));
    };
    apply(override.rules, where, out);
    apply(override.pod_security, where, out);
  }
  return out;
}

}  // namespace podlint
