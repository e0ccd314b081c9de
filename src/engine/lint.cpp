#include "engine/lint.hpp"

#include <algorithm>
#include <utility>

#include "engine/rule.hpp"

namespace podlint {

FileReport lint_text(std::string path, std::string text, const yaml::ParseOptions& options) {
  FileReport report{std::move(path), std::move(text), {}, {}};
  const yaml::Stream stream = yaml::parse(report.text, options);
  for (const auto& document : stream.documents) {
    for (const auto& rule : all_rules()) {
      Reporter reporter(rule->info(), report.diagnostics);
      rule->check_document(document, reporter);
    }
  }
  std::stable_sort(
      report.diagnostics.begin(), report.diagnostics.end(),
      [](const Diagnostic& a, const Diagnostic& b) { return a.span.begin.offset < b.span.begin.offset; });
  return report;
}

}  // namespace podlint
