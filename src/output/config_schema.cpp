#include "output/config_schema.hpp"

#include <fmt/format.h>

#include <string>

#include "engine/rule.hpp"
#include "schema/schema.hpp"

namespace podlint {

namespace {

using json = nlohmann::ordered_json;

// Everything but the rules: the file's keys, and the definitions every rule's
// entry refers to. The rules go in $defs.rules.anyOf[1].properties.
constexpr std::string_view kSkeleton = R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://podlint.dev/schema/podlint-config.schema.json",
  "title": "podlint configuration (.podlint.yaml)",
  "description": "Which rules run, at which severity, with which options; ignored paths; per-path overrides. podlint checks the same constraints itself, with positions.",
  "anyOf": [{"type": "null"}, {"$ref": "#/$defs/configuration"}],
  "$defs": {
    "configuration": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "preset": {
          "enum": ["minimal", "recommended", "strict"],
          "description": "The rules to start from: minimal, only what the API server or admission rejects (Pod Security level privileged); recommended (the default), every rule that is on by default (baseline); strict, every rule (restricted). rules and overrides adjust it."
        },
        "rules": {"$ref": "#/$defs/rules"},
        "podSecurity": {"$ref": "#/$defs/podSecurity"},
        "suppressions": {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "allow": {
              "type": "boolean",
              "description": "false: no finding may be waived in the manifest itself (strict mode)."
            }
          }
        },
        "ignore": {
          "$ref": "#/$defs/globs",
          "type": "array",
          "description": "Files not to lint, as globs relative to this file's directory."
        },
        "overrides": {
          "type": "array",
          "description": "Rule settings for some paths, applied in order after rules; a later one wins.",
          "items": {
            "type": "object",
            "additionalProperties": false,
            "required": ["files"],
            "properties": {
              "files": {
                "$ref": "#/$defs/globs",
                "minItems": 1,
                "type": "array",
                "description": "The globs, relative to this file's directory, of the files the override applies to."
              },
              "rules": {"$ref": "#/$defs/rules"},
              "podSecurity": {"$ref": "#/$defs/podSecurity"}
            }
          }
        }
      }
    },
    "podSecurity": {
      "type": "object",
      "additionalProperties": false,
      "description": "The Pod Security Standards level pods are checked against where no Namespace of the linted files labels their namespace (pod-security.kubernetes.io/enforce, warn, audit).",
      "properties": {
        "level": {"enum": ["privileged", "baseline", "restricted"], "description": "default: baseline (preset minimal: privileged, strict: restricted)"},
        "version": {"type": "string", "pattern": "^(latest|v1\\.(0|[1-9][0-9]*))$", "description": "The policy version whose checks apply: latest (the default) or v1.N."},
        "severity": {"$ref": "#/$defs/severity", "description": "The findings' severity; default: each control's own (warning). A rule's own severity wins."}
      }
    },
    "rules": {
      "anyOf": [
        {"type": "null"},
        {"type": "object", "additionalProperties": false, "properties": {}}
      ]
    },
    "shorthand": {
      "enum": ["off", "on", "error", "warning", "info", true, false],
      "description": "off or false: the rule does not run; on or true: it runs; a severity: it runs at that severity."
    },
    "severity": {"enum": ["error", "warning", "info"]},
    "globs": {
      "type": "array",
      "items": {"type": "string", "minLength": 1, "pattern": "^[^/]"}
    }
  }
})json";

// What a value of the option may be; a List also takes one comma-separated string.
json option_schema(const OptionSpec& option) {
  // YAML reads `1.30` as a number: a string option takes one too.
  const json text_or_number = {{"anyOf", json::array({{{"type", "string"}}, {{"type", "number"}}})}};
  switch (option.type()) {
    case OptionType::Bool:
      return {{"type", "boolean"}};
    case OptionType::Integer:
      return {{"type", "integer"}, {"minimum", option.minimum()}, {"maximum", option.maximum()}};
    case OptionType::String:
      return text_or_number;
    case OptionType::Enum:
      return {{"enum", option.allowed()}};
    case OptionType::List:
      break;
  }
  return {{"anyOf", json::array({{{"type", "array"}, {"items", text_or_number}}, {{"type", "string"}}})}};
}

// A rule's entry: a shorthand, or a mapping of its settings.
json rule_entry(const RuleInfo& rule) {
  json settings = json::object();
  settings["enabled"] = {{"type", "boolean"}, {"description", "false: the rule does not run."}};
  settings["severity"] = {{"$ref", "#/$defs/severity"}};
  settings["noSuppress"] = {
      {"type", "boolean"},
      {"description", rule.suppressible
                          ? "true: the rule's findings cannot be waived in the manifest "
                            "(podlint-disable comments, annotations)."
                          : "No effect: this rule's findings can never be waived in the manifest."}};
  if (!rule.options.empty()) {
    json options = json::object();
    const RulePage& page = rule_page(rule);
    for (const OptionSpec* option : rule.options) {
      json value = option_schema(*option);
      for (const OptionDoc& doc : page.options) {
        if (doc.name == option->name())
          value["description"] = fmt::format("{} {}", doc.signature, doc.description);
      }
      options[std::string(option->name())] = std::move(value);
    }
    settings["options"] = {{"type", "object"}, {"additionalProperties", false}, {"properties", options}};
  }
  json mapping = {{"type", "object"}, {"additionalProperties", false}, {"properties", settings}};
  json shorthand = {{"$ref", "#/$defs/shorthand"}};
  return {{"description",
           fmt::format("{} (default severity: {}{})", rule_page(rule).summary, severity_name(rule.severity),
                       rule.enabled_by_default ? "" : ", off by default")},
          {"anyOf", json::array({shorthand, mapping})}};
}

}  // namespace

json config_schema() {
  json schema = json::parse(kSkeleton);
  json& rules = schema["$defs"]["rules"]["anyOf"][1]["properties"];
  for (const auto& rule : all_rules())
    rules[std::string(rule->info().id)] = rule_entry(rule->info());
  json releases = json::array();
  for (int minor = schema::oldest_minor(); minor <= schema::newest_minor(); ++minor)
    releases.push_back(fmt::format("1.{}", minor));
  schema["$defs"]["configuration"]["properties"]["kubernetesVersion"] = {
      {"description",
       fmt::format("The Kubernetes release the manifests are for (default {}): fields and values of later "
                   "releases are reported, and API versions it no longer serves. A plain 1.30 is read as "
                   "written, not as the number 1.3.",
                   schema::kubernetes_version())},
      {"anyOf", json::array({{{"enum", std::move(releases)}}, {{"type", "number"}}})}};
  return schema;
}

void write_config_schema(std::ostream& out) {
  out << config_schema().dump(2) << '\n';
}

}  // namespace podlint
