#include "engine/lint.hpp"

#include <algorithm>
#include <utility>

#include "engine/rule.hpp"

namespace podlint {

FileReport lint_text(std::string path, std::string text, const LintSettings& settings) {
  FileReport report{std::move(path), std::move(text), {}, {}};
  const yaml::Stream stream = yaml::parse(report.text, settings.parse);
  for (const auto& document : stream.documents) {
    for (const auto& rule : all_rules()) {
      Reporter reporter(rule->info(), report.diagnostics, settings.rule_options);
      rule->check_document(document, reporter);
    }
    // A broken document's tree stops at the error: rules would see fields
    // missing that are only unread.
    if (document.broken()) continue;
    for (const auto& workload : model::extract_workloads(document)) {
      const ObjectFacts facts(workload);
      for (const auto& rule : all_rules()) {
        Reporter reporter(rule->info(), report.diagnostics, settings.rule_options, &facts);
        rule->check_workload(workload, reporter);
      }
    }
  }
  std::stable_sort(
      report.diagnostics.begin(), report.diagnostics.end(),
      [](const Diagnostic& a, const Diagnostic& b) { return a.span.begin.offset < b.span.begin.offset; });
  return report;
}

}  // namespace podlint
