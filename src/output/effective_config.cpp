#include "output/effective_config.hpp"

#include <fmt/format.h>

#include <string>

#include "engine/rule.hpp"
#include "schema/schema.hpp"

namespace podlint {

void write_effective_config(std::ostream& out, std::string_view path, const ResolvedConfig& resolved) {
  const auto line = [&](int indent, std::string_view setting, std::string_view value, std::string_view key) {
    out << fmt::format("{:{}}{}: {}  # {}\n", "", indent, setting, value, resolved.origin(key));
  };
  out << "# podlint configuration for " << path << '\n';
  if (resolved.file == nullptr) {
    out << "# configuration file: none, the defaults\n";
  } else {
    out << "# configuration file: " << resolved.file->path << (resolved.file->given ? " (--config)" : "")
        << '\n';
  }
  out << "# ignored: " << (resolved.ignored_by ? "yes, by " + *resolved.ignored_by : "no") << '\n';
  out << fmt::format(
      "kubernetesVersion: \"1.{}\"  # {}\n",
      resolved.config.kubernetes_minor != 0 ? resolved.config.kubernetes_minor : schema::newest_minor(),
      resolved.origin("kubernetesVersion"));
  const PodSecuritySettings& pod_security = resolved.config.pod_security;
  out << "preset: "
      << preset_name(resolved.file != nullptr && resolved.file->preset ? resolved.file->preset->value
                                                                       : Preset::Recommended)
      << "  # " << resolved.origin("preset") << '\n';
  out << "podSecurity:  # where no Namespace of the run labels the pod's namespace\n";
  line(2, "level", pod_security_level_name(pod_security.level), "podSecurity.level");
  line(2, "version", pod_security.version.name(), "podSecurity.version");
  if (pod_security.severity) {
    line(2, "severity", severity_name(*pod_security.severity), "podSecurity.severity");
  } else {
    out << "  # severity: each control's own\n";
  }
  out << "suppressions:\n";
  line(2, "allow", resolved.config.allow_suppressions ? "true" : "false", "suppressions.allow");
  out << "rules:\n";
  for (const auto& rule : all_rules()) {
    const RuleInfo& info = rule->info();
    const std::string id(info.id);
    const RuleConfig* config = resolved.config.rule(id);
    out << "  " << id << ":\n";
    line(4, "enabled", resolved.config.rule_enabled(id) ? "true" : "false", id + ".enabled");
    line(4, "severity",
         severity_name(config != nullptr && config->severity ? *config->severity : info.severity),
         id + ".severity");
    if (info.suppressible) {
      line(4, "noSuppress", config != nullptr && config->no_suppress ? "true" : "false", id + ".noSuppress");
    } else {
      out << "    noSuppress: true  # always: no waiver in a manifest applies to this rule\n";
    }
    if (info.options.empty()) continue;
    out << "    options:\n";
    for (const OptionSpec* option : info.options) {
      const std::string name(option->name());
      const OptionValue* value = &option->default_value();
      if (config != nullptr) {
        if (const auto set = config->options.find(name); set != config->options.end()) value = &set->second;
      }
      line(6, name, option->format(*value), id + ".options." + name);
    }
  }
}

}  // namespace podlint
