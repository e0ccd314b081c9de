#include "engine/rule.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace podlint {

namespace {

constexpr std::array kCategories{Category::Yaml,          Category::Schema,     Category::Metadata,
                                 Category::Containers,    Category::Env,        Category::Volumes,
                                 Category::Ports,         Category::Probes,     Category::Resources,
                                 Category::RestartPolicy, Category::Scheduling, Category::Workloads,
                                 Category::References,    Category::Security,   Category::Suppression};

bool rule_id_less(const std::unique_ptr<Rule>& rule, std::string_view id) {
  return rule->info().id < id;
}

bool page_id_less(const RulePage* page, std::string_view id) {
  return page->id < id;
}

}  // namespace

std::string_view category_name(Category category) {
  switch (category) {
    case Category::Yaml:
      return "yaml";
    case Category::Schema:
      return "schema";
    case Category::Metadata:
      return "metadata";
    case Category::Containers:
      return "containers";
    case Category::Env:
      return "env";
    case Category::Volumes:
      return "volumes";
    case Category::Ports:
      return "ports";
    case Category::Probes:
      return "probes";
    case Category::Resources:
      return "resources";
    case Category::RestartPolicy:
      return "restart-policy";
    case Category::Scheduling:
      return "scheduling";
    case Category::Workloads:
      return "workloads";
    case Category::References:
      return "references";
    case Category::Security:
      return "security";
    case Category::Suppression:
      break;
  }
  return "suppression";
}

std::string_view consequence_name(Consequence consequence) {
  switch (consequence) {
    case Consequence::Rejected:
      return "rejected";
    case Consequence::Fails:
      return "fails";
    case Consequence::Risk:
      return "risk";
    case Consequence::Waiver:
      break;
  }
  return "waiver";
}

std::span<const Category> all_categories() {
  return kCategories;
}

Diagnostic& Reporter::report(const yaml::Span& span, std::string message) {
  Diagnostic& d = out_.emplace_back();
  d.rule = std::string(rule_.id);
  d.severity = config_ != nullptr && config_->severity ? *config_->severity : rule_.severity;
  d.span = span;
  d.message = std::move(message);
  return d;
}

const OptionValue& Reporter::option_value(const OptionSpec& spec) const {
  if (config_ != nullptr) {
    if (const auto it = config_->options.find(spec.name()); it != config_->options.end()) return it->second;
  }
  return spec.default_value();
}

const std::vector<schema::Finding>& ObjectFacts::schema_findings() const {
  if (!schema_findings_) schema_findings_ = schema::validate(workload_, kubernetes_minor_);
  return *schema_findings_;
}

void RuleRegistry::add(std::unique_ptr<Rule> rule) {
  const std::string_view id = rule->info().id;
  const auto it = std::lower_bound(rules_.begin(), rules_.end(), id, rule_id_less);
  if (it != rules_.end() && (*it)->info().id == id) {
    duplicates_.emplace_back(id);
    return;
  }
  rules_.insert(it, std::move(rule));
}

void RuleRegistry::add_pages(std::span<const RulePage> pages) {
  for (const RulePage& page : pages) {
    const auto it = std::lower_bound(pages_.begin(), pages_.end(), page.id, page_id_less);
    pages_.insert(it, &page);
  }
}

const Rule* RuleRegistry::find(std::string_view id) const {
  const auto it = std::lower_bound(rules_.begin(), rules_.end(), id, rule_id_less);
  return it != rules_.end() && (*it)->info().id == id ? it->get() : nullptr;
}

const RulePage* RuleRegistry::page(std::string_view id) const {
  const auto it = std::lower_bound(pages_.begin(), pages_.end(), id, page_id_less);
  return it != pages_.end() && (*it)->id == id ? *it : nullptr;
}

namespace {

// [a-z][a-z0-9]*(-[a-z0-9]+)*, checked at every start: no regex to compile.
bool is_kebab_case(std::string_view id) {
  if (id.empty() || id.front() < 'a' || id.front() > 'z' || id.back() == '-') return false;
  for (size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!word && !(c == '-' && id[i - 1] != '-')) return false;
  }
  return true;
}

}  // namespace

std::vector<std::string> RuleRegistry::problems() const {
  std::vector<std::string> out;
  for (const std::string& id : duplicates_)
    out.push_back(fmt::format("rule id \"{}\" is registered twice", id));
  for (const auto& rule : rules_) {
    const RuleInfo& info = rule->info();
    if (!is_kebab_case(info.id)) out.push_back(fmt::format("rule id \"{}\" is not kebab-case", info.id));
    const RulePage* doc = page(info.id);
    if (doc == nullptr) {
      out.push_back(fmt::format("rule {} has no page docs/rules/{}.md", info.id, info.id));
      continue;
    }
    for (const OptionSpec* option : info.options) {
      const auto described = std::find_if(doc->options.begin(), doc->options.end(),
                                          [&](const OptionDoc& d) { return d.name == option->name(); });
      if (described == doc->options.end()) {
        out.push_back(fmt::format("docs/rules/{}.md does not describe option {}", info.id, option->name()));
      } else if (described->signature != option->signature()) {
        out.push_back(fmt::format("docs/rules/{}.md introduces option {} as {}, but it is declared {}",
                                  info.id, option->name(), described->signature, option->signature()));
      }
    }
    for (const OptionDoc& described : doc->options) {
      if (std::none_of(info.options.begin(), info.options.end(),
                       [&](const OptionSpec* o) { return o->name() == described.name; }))
        out.push_back(fmt::format("docs/rules/{}.md describes option {}, which the rule does not declare",
                                  info.id, described.name));
    }
  }
  for (const RulePage* doc : pages_) {
    if (find(doc->id) == nullptr)
      out.push_back(fmt::format("docs/rules/{}.md is the page of no rule", doc->id));
  }
  return out;
}

RuleRegistry& rule_registry() {
  static RuleRegistry registry;
  return registry;
}

std::span<const std::unique_ptr<Rule>> all_rules() {
  return rule_registry().rules();
}

const Rule* find_rule(std::string_view id) {
  return rule_registry().find(id);
}

const RulePage& rule_page(const RuleInfo& rule) {
  static const RulePage kNone{};
  const RulePage* page = rule_registry().page(rule.id);
  return page != nullptr ? *page : kNone;
}

bool register_rule(std::unique_ptr<Rule> rule) {
  rule_registry().add(std::move(rule));
  return true;
}

bool register_rule_pages(std::span<const RulePage> pages) {
  rule_registry().add_pages(pages);
  return true;
}

}  // namespace podlint
