#include "output/rule_docs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>
#include <string>

namespace podlint {

namespace {

constexpr size_t kWidth = 80;

void write_wrapped(std::ostream& out, std::string_view text, std::string_view indent) {
  std::istringstream words{std::string(text)};
  std::string word;
  size_t column = 0;
  while (words >> word) {
    if (column > 0 && column + 1 + word.size() > kWidth) {
      out << '\n';
      column = 0;
    }
    if (column == 0) {
      out << indent << word;
      column = indent.size() + word.size();
    } else {
      out << ' ' << word;
      column += 1 + word.size();
    }
  }
  out << "\n";
}

void write_manifest(std::ostream& out, std::string_view manifest) {
  size_t start = 0;
  while (start < manifest.size()) {
    size_t end = manifest.find('\n', start);
    if (end == std::string_view::npos) end = manifest.size();
    out << "    " << manifest.substr(start, end - start) << '\n';
    start = end + 1;
  }
}

}  // namespace

void write_rule_list(std::ostream& out) {
  size_t id_width = 0, category_width = 0;
  for (const auto& rule : all_rules()) {
    id_width = std::max(id_width, rule->info().id.size());
    category_width = std::max(category_width, rule->info().category.size());
  }
  for (const auto& rule : all_rules()) {
    const RuleInfo& info = rule->info();
    out << fmt::format("{:<{}}  {:<7}  {:<{}}  {}\n", info.id, id_width, severity_name(info.severity),
                       info.category, category_width, info.summary);
  }
}

void write_rule_explanation(std::ostream& out, const RuleInfo& rule) {
  out << fmt::format("{} ({}, category {})\n{}\n\n", rule.id, severity_name(rule.severity), rule.category,
                     rule.summary);
  out << "What it checks\n";
  write_wrapped(out, rule.what, "  ");
  out << "\nWhy it matters\n";
  write_wrapped(out, rule.why, "  ");
  out << "\nExample: reported\n";
  write_manifest(out, rule.bad);
  out << "\nExample: fixed\n";
  write_manifest(out, rule.good);
  out << "\nHow to fix\n";
  write_wrapped(out, rule.fix, "  ");
  if (!rule.suppressible) {
    out << "\nSuppression\n";
    write_wrapped(out,
                  "Its findings cannot be waived by a comment or annotation in the manifest (the "
                  "configuration can turn the rule off).",
                  "  ");
  }
  if (rule.options.empty()) return;
  out << "\nOptions\n";
  for (const RuleOption& option : rule.options) {
    out << fmt::format("  {} (default: {})\n", option.name, option.default_value);
    write_wrapped(out, option.description, "    ");
  }
}

}  // namespace podlint
