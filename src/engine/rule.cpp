#include "engine/rule.hpp"

#include <algorithm>

namespace podlint {

namespace {

// Filled by static initializers in the rules' files, before main.
std::vector<std::unique_ptr<Rule>>& registry() {
  static std::vector<std::unique_ptr<Rule>> rules;
  return rules;
}

bool id_less(const std::unique_ptr<Rule>& rule, std::string_view id) {
  return rule->info().id < id;
}

}  // namespace

Diagnostic& Reporter::report(const yaml::Span& span, std::string message) {
  Diagnostic& d = out_.emplace_back();
  d.rule = std::string(rule_.id);
  d.severity = config_ != nullptr && config_->severity ? *config_->severity : rule_.severity;
  d.span = span;
  d.message = std::move(message);
  return d;
}

const std::vector<schema::Finding>& ObjectFacts::schema_findings() const {
  if (!schema_findings_) schema_findings_ = schema::validate(workload_);
  return *schema_findings_;
}

std::string_view Reporter::option(std::string_view name) const {
  if (config_ != nullptr) {
    if (const auto it = config_->options.find(name); it != config_->options.end()) return it->second;
  }
  for (const RuleOption& option : rule_.options) {
    if (option.name == name) return option.default_value;
  }
  return {};
}

std::span<const std::unique_ptr<Rule>> all_rules() {
  return registry();
}

const Rule* find_rule(std::string_view id) {
  const auto& rules = registry();
  const auto it = std::lower_bound(rules.begin(), rules.end(), id, id_less);
  return it != rules.end() && (*it)->info().id == id ? it->get() : nullptr;
}

bool register_rule(std::unique_ptr<Rule> rule) {
  auto& rules = registry();
  const auto it = std::lower_bound(rules.begin(), rules.end(), rule->info().id, id_less);
  rules.insert(it, std::move(rule));
  return true;
}

}  // namespace podlint
