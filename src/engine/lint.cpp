#include "engine/lint.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "engine/rule.hpp"
#include "engine/suppression.hpp"
#include "yaml/path.hpp"

namespace podlint {

namespace {

bool holds(const yaml::Span& span, uint32_t offset) {
  return span.begin.offset <= offset && offset < std::max(span.end.offset, span.begin.offset + 1);
}

ObjectRef object_ref(const model::ObjectHeader& header) {
  const auto text = [](const model::Field<std::string_view>& field) { return std::string(field.value); };
  return {text(header.api_version), text(header.kind), text(header.namespace_), text(header.name)};
}

// Gives each finding its object (the innermost one its span starts in) and its
// field path from there, or from the document's root outside any object.
void locate(const yaml::Document& document, std::span<Diagnostic> findings) {
  if (document.root == nullptr || findings.empty()) return;
  // In source order, a List before its items: the innermost object holding an
  // offset is the last one starting at or before it that holds it.
  const std::vector<model::ObjectHeader> headers = model::object_headers(document);
  for (Diagnostic& d : findings) {
    const uint32_t at = d.span.begin.offset;
    auto it = std::upper_bound(
        headers.begin(), headers.end(), at,
        [](uint32_t offset, const model::ObjectHeader& h) { return offset < h.object->span.begin.offset; });
    while (it != headers.begin() && !holds((it - 1)->object->span, at))
      --it;
    if (it == headers.begin() || !(it - 1)->has_type()) {
      d.path = yaml::path_to(*document.root, at);
      continue;
    }
    const model::ObjectHeader& header = *(it - 1);
    d.object = object_ref(header);
    d.path = yaml::path_to(*header.object, at);
  }
}

}  // namespace

FileReport lint_text(std::string path, std::string text, const LintSettings& settings) {
  FileReport report{.path = std::move(path), .text = std::move(text)};
  const yaml::Stream stream = yaml::parse(report.text, settings.parse);
  static const RunIndex kNothingElse;
  const RunIndex& index = settings.index != nullptr ? *settings.index : kNothingElse;
  std::vector<const Rule*> rules;
  for (const auto& rule : all_rules()) {
    if (settings.config.rule_enabled(rule->info().id)) {
      rules.push_back(rule.get());
    } else {
      report.disabled_rules.push_back(rule->info().id);
    }
  }
  const InputFacts input{.template_action =
                             template_action(stream, report.text, settings.role == InputRole::ChartTemplate)};
  for (const Rule* rule : rules) {
    Reporter reporter(rule->info(), report.diagnostics, settings.config, index, report.text);
    rule->check_input(input, reporter);
  }
  // A template's YAML errors are the template language's, not mistakes.
  if (input.template_action) {
    report.skipped = "Helm template";
    return report;
  }
  const bool partial = settings.role == InputRole::KustomizePatch;
  for (const auto& document : stream.documents) {
    const size_t first_finding = report.diagnostics.size();
    if (document.root != nullptr || !document.errors.empty()) ++report.documents;
    for (const Rule* rule : rules) {
      Reporter reporter(rule->info(), report.diagnostics, settings.config, index, report.text);
      rule->check_document(document, reporter);
    }
    // A broken document's tree stops at the error: rules would see fields
    // missing that are only unread.
    std::vector<model::Workload> workloads;
    if (!document.broken() && settings.role != InputRole::Kustomization)
      workloads = model::extract_workloads(document);
    report.objects += workloads.size();
    for (const auto& workload : workloads) {
      const ObjectFacts facts(workload, settings.config.kubernetes_minor != 0
                                            ? settings.config.kubernetes_minor
                                            : schema::newest_minor());
      for (const Rule* rule : rules) {
        if (partial && rule->info().needs_whole_object) continue;
        Reporter reporter(rule->info(), report.diagnostics, settings.config, index, report.text, &facts);
        rule->check_workload(workload, reporter);
      }
    }
    // Waivers apply within their own document only.
    const auto problems =
        apply_suppressions(report.text, document, workloads,
                           std::span(report.diagnostics).subspan(first_finding), settings.config);
    if (!problems.empty()) {
      for (const Rule* rule : rules) {
        Reporter reporter(rule->info(), report.diagnostics, settings.config, index, report.text);
        rule->check_waivers(problems, reporter);
      }
    }
    locate(document, std::span(report.diagnostics).subspan(first_finding));
    const std::string_view source = rendered_from(document);
    for (Diagnostic& d : std::span(report.diagnostics).subspan(first_finding))
      d.source = source;
  }
  if (settings.role == InputRole::Kustomization) {
    report.skipped = "kustomize configuration (the patches it lists are linted as partial objects)";
  } else if (report.objects == 0 &&
             std::none_of(stream.documents.begin(), stream.documents.end(),
                          [](const yaml::Document& document) { return document.broken(); })) {
    // A broken file may hold objects its errors hide: yaml-syntax says so.
    report.skipped = settings.role == InputRole::KustomizePatch
                         ? "kustomize JSON patch (operations, no object)"
                         : no_object_reason(report.path);
  }
  std::stable_sort(
      report.diagnostics.begin(), report.diagnostics.end(),
      [](const Diagnostic& a, const Diagnostic& b) { return a.span.begin.offset < b.span.begin.offset; });
  return report;
}

}  // namespace podlint
