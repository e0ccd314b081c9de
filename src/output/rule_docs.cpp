#include "output/rule_docs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace podlint {

namespace {

constexpr size_t kWidth = 80;

// Words of `text` filled into lines of at most kWidth columns: the first line
// starts with `first`, the others with `rest`.
void write_wrapped(std::ostream& out, std::string_view text, std::string_view first, std::string_view rest) {
  std::istringstream words{std::string(text)};
  std::string word;
  size_t column = 0;
  bool first_line = true;
  while (words >> word) {
    if (column > 0 && column + 1 + word.size() > kWidth) {
      out << '\n';
      column = 0;
    }
    if (column == 0) {
      const std::string_view indent = first_line ? first : rest;
      out << indent << word;
      first_line = false;
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

// A section of a page for the terminal: paragraphs and list items wrapped,
// code blocks indented. Blocks are separated by a blank line (the page
// compiler puts each paragraph and list item on one line).
void write_section(std::ostream& out, std::string_view markdown) {
  size_t start = 0;
  bool first_block = true;
  while (start < markdown.size()) {
    size_t end = markdown.find("\n\n", start);
    if (end == std::string_view::npos) end = markdown.size();
    const std::string_view block = markdown.substr(start, end - start);
    start = end + 2;
    if (!first_block && !block.starts_with("- ")) out << '\n';
    first_block = false;
    if (block.starts_with("```")) {
      const size_t body = block.find('\n') + 1;
      const size_t fence = block.rfind("\n```");
      write_manifest(out,
                     block.substr(body, fence == std::string_view::npos ? block.npos : fence + 1 - body));
    } else if (block.starts_with("- ")) {
      write_wrapped(out, block.substr(2), "  - ", "    ");
    } else {
      write_wrapped(out, block, "  ", "  ");
    }
  }
}

// The rules by category in the order of Category, by id within one.
std::vector<const RuleInfo*> rules_by_category() {
  std::vector<const RuleInfo*> out;
  for (const Category category : all_categories()) {
    for (const auto& rule : all_rules()) {
      if (rule->info().category == category) out.push_back(&rule->info());
    }
  }
  return out;
}

}  // namespace

void write_rule_list(std::ostream& out) {
  size_t id_width = 0;
  for (const auto& rule : all_rules())
    id_width = std::max(id_width, rule->info().id.size());
  const RuleInfo* previous = nullptr;
  for (const RuleInfo* info : rules_by_category()) {
    if (previous == nullptr || previous->category != info->category)
      out << (previous == nullptr ? "" : "\n") << category_name(info->category) << '\n';
    previous = info;
    out << fmt::format("  {:<{}}  {:<7}  {}{}\n", info->id, id_width, severity_name(info->severity),
                       rule_page(*info).summary, info->enabled_by_default ? "" : " (off by default)");
  }
}

void write_rule_list_json(std::ostream& out) {
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  for (const RuleInfo* info : rules_by_category()) {
    nlohmann::ordered_json options = nlohmann::ordered_json::array();
    for (const OptionSpec* option : info->options)
      options.push_back({{"name", option->name()}, {"signature", option->signature()}});
    rules.push_back({{"id", info->id},
                     {"severity", severity_name(info->severity)},
                     {"category", category_name(info->category)},
                     {"consequence", consequence_name(info->consequence)},
                     {"summary", rule_page(*info).summary},
                     {"suppressible", info->suppressible},
                     {"enabledByDefault", info->enabled_by_default},
                     {"options", std::move(options)},
                     {"page", fmt::format("docs/rules/{}.md", info->id)}});
  }
  out << rules.dump(2) << '\n';
}

void write_rule_explanation(std::ostream& out, const RuleInfo& rule) {
  const RulePage& page = rule_page(rule);
  out << fmt::format("{} ({}, category {})\n{}.\n\n", rule.id, severity_name(rule.severity),
                     category_name(rule.category), page.summary);
  out << "What it checks\n";
  write_section(out, page.what);
  out << "\nWhy it matters\n";
  write_section(out, page.why);
  out << "\nExample: reported\n";
  write_manifest(out, page.bad);
  out << "\nExample: fixed\n";
  write_manifest(out, page.good);
  out << "\nHow to fix\n";
  write_section(out, page.fix);
  if (!rule.suppressible) {
    out << "\nSuppression\n";
    write_section(out,
                  "Its findings cannot be waived by a comment or annotation in the manifest (the "
                  "configuration can turn the rule off).");
  }
  if (page.options.empty()) return;
  out << "\nOptions\n";
  for (const OptionDoc& option : page.options) {
    out << fmt::format("  {} {}\n", option.name, option.signature);
    write_wrapped(out, option.description, "    ", "    ");
  }
}

std::string rule_page_url(const RuleInfo& rule) {
  return fmt::format("{}/blob/main/docs/rules/{}.md", PODLINT_HOMEPAGE, rule.id);
}

}  // namespace podlint
