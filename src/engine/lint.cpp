#include "engine/lint.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "engine/rule.hpp"
#include "engine/suppression.hpp"

namespace podlint {

FileReport lint_text(std::string path, std::string text, const LintSettings& settings) {
  FileReport report{std::move(path), std::move(text), {}, {}};
  const yaml::Stream stream = yaml::parse(report.text, settings.parse);
  std::vector<const Rule*> rules;
  for (const auto& rule : all_rules()) {
    if (settings.config.rule_enabled(rule->info().id)) rules.push_back(rule.get());
  }
  for (const auto& document : stream.documents) {
    const size_t first_finding = report.diagnostics.size();
    for (const Rule* rule : rules) {
      Reporter reporter(rule->info(), report.diagnostics, settings.config.rule(rule->info().id));
      rule->check_document(document, reporter);
    }
    // A broken document's tree stops at the error: rules would see fields
    // missing that are only unread.
    std::vector<model::Workload> workloads;
    if (!document.broken()) workloads = model::extract_workloads(document);
    for (const auto& workload : workloads) {
      const ObjectFacts facts(workload);
      for (const Rule* rule : rules) {
        Reporter reporter(rule->info(), report.diagnostics, settings.config.rule(rule->info().id), &facts);
        rule->check_workload(workload, reporter);
      }
    }
    // Waivers apply within their own document only.
    const auto problems =
        apply_suppressions(report.text, document, workloads,
                           std::span(report.diagnostics).subspan(first_finding), settings.config);
    if (problems.empty()) continue;
    for (const Rule* rule : rules) {
      Reporter reporter(rule->info(), report.diagnostics, settings.config.rule(rule->info().id));
      rule->check_waivers(problems, reporter);
    }
  }
  std::stable_sort(
      report.diagnostics.begin(), report.diagnostics.end(),
      [](const Diagnostic& a, const Diagnostic& b) { return a.span.begin.offset < b.span.begin.offset; });
  return report;
}

}  // namespace podlint
