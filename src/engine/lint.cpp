#include "engine/lint.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <utility>
#include <vector>

#include "engine/ordered_work.hpp"
#include "engine/rule.hpp"
#include "engine/suppression.hpp"
#include "yaml/batches.hpp"
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

// The first column (1-based) of a line's content; 0 for a blank line or a
// comment line, which ends no block.
uint32_t indentation(std::string_view line) {
  const size_t first = line.find_first_not_of(" \t");
  if (first == std::string_view::npos || line[first] == '#') return 0;
  return static_cast<uint32_t>(first) + 1;
}

// Which collections of a broken document an error may belong to: those it
// lies in, and the block collections it would continue had it parsed (it
// stands after their start, indented at least as far as their entries, and
// no line between them is indented less).
class BrokenRegions {
 public:
  BrokenRegions(std::string_view text, const yaml::Document& document) : lines_(text), document_(document) {
    for (const yaml::Error& error : document.errors) {
      if (error.kind == yaml::ErrorKind::DuplicateKey) continue;
      const uint32_t indent = indentation(lines_.line_text(error.span.begin.line));
      errors_.push_back({error.span.begin, indent == 0 ? error.span.begin.column : indent});
    }
  }

  // Whether a finding starting at `offset` may be undone by a broken region:
  // whether one may belong to the innermost collection holding the offset.
  bool may_undo(uint32_t offset) const {
    const yaml::Node* node = document_.root;
    const yaml::Node* innermost = nullptr;
    while (node != nullptr) {
      const yaml::Node* next = nullptr;
      if (node->is_mapping() || node->is_sequence()) innermost = node;
      if (node->is_mapping()) {
        for (const yaml::Pair& pair : node->pairs) {
          if (holds(pair.value->span, offset)) next = pair.value;
        }
      } else if (node->is_sequence()) {
        for (const yaml::Node* item : node->items) {
          if (holds(item->span, offset)) next = item;
        }
      }
      node = next;
    }
    if (innermost == nullptr) return true;
    return std::any_of(errors_.begin(), errors_.end(), [&](const At& e) { return belongs(*innermost, e); });
  }

 private:
  struct At {
    yaml::Position position;
    uint32_t indent;
  };

  bool belongs(const yaml::Node& collection, const At& error) const {
    const yaml::Span& span = collection.span;
    if (error.position.offset < span.begin.offset) return false;
    if (error.position.offset < span.end.offset) return true;
    if (collection.flow || error.indent < span.begin.column) return false;
    for (uint32_t line = span.end.line + 1; line < error.position.line; ++line) {
      const uint32_t indent = indentation(lines_.line_text(line));
      if (indent != 0 && indent < span.begin.column) return false;
    }
    return true;
  }

  yaml::LineIndex lines_;
  const yaml::Document& document_;
  std::vector<At> errors_;
};

// What the documents of a stream (or of a batch of a long one) gave.
struct DocumentsReport {
  std::vector<Diagnostic> diagnostics;
  size_t documents = 0;
  size_t objects = 0;
  bool broken = false;  // one of the documents is
  std::optional<yaml::Span> template_action;
};

// A rule that runs on an input, with the input's settings for it.
struct EnabledRule {
  const Rule* rule;
  const RuleConfig* config;  // null: the configuration has none
};

std::vector<EnabledRule> enabled_rules(const LintSettings& settings, FileReport& report) {
  std::vector<EnabledRule> rules;
  for (const auto& rule : all_rules()) {
    const RuleConfig* config = settings.config.rule(rule->info().id);
    if (config == nullptr || config->enabled.value_or(true)) {
      rules.push_back({rule.get(), config});
    } else {
      report.disabled_rules.push_back(rule->info().id);
    }
  }
  return rules;
}

const RunIndex& index_of(const LintSettings& settings) {
  static const RunIndex kNothingElse;
  return settings.index != nullptr ? *settings.index : kNothingElse;
}

// `path` names the input as the index does; `text` is the whole input.
DocumentsReport lint_documents(const yaml::Stream& stream, const std::string& path, const std::string& text,
                               const TemplateScan& scan, std::span<const EnabledRule> rules,
                               const LintSettings& settings) {
  DocumentsReport out;
  const RunIndex& index = index_of(settings);
  out.template_action = template_action(stream, scan, settings.role == InputRole::ChartTemplate);
  // A template's YAML errors are the template language's, not mistakes.
  if (out.template_action) return out;
  const bool partial = settings.role == InputRole::KustomizePatch;
  std::vector<Diagnostic>& findings = out.diagnostics;
  for (const auto& document : stream.documents) {
    const size_t first_finding = findings.size();
    if (document.root != nullptr || !document.errors.empty()) ++out.documents;
    for (const auto& [rule, rule_config] : rules) {
      Reporter reporter(rule->info(), rule_config, findings, settings.config, index, text);
      rule->check_document(document, reporter);
    }
    // A broken document's tree stops at the error: rules would see fields
    // missing that are only unread.
    const bool broken = document.broken();
    out.broken = out.broken || broken;
    std::vector<model::Workload> workloads;
    if ((!broken || settings.check_broken_documents) && settings.role != InputRole::Kustomization)
      workloads = model::extract_workloads(document);
    out.objects += workloads.size();
    const size_t first_object_finding = findings.size();
    for (const auto& workload : workloads) {
      const ObjectFacts facts(workload, settings.config.kubernetes_minor != 0
                                            ? settings.config.kubernetes_minor
                                            : schema::newest_minor());
      for (const auto& [rule, rule_config] : rules) {
        if (partial && rule->info().needs_whole_object) continue;
        Reporter reporter(rule->info(), rule_config, findings, settings.config, index, text, &facts, path);
        rule->check_workload(workload, reporter);
      }
    }
    if (broken && !workloads.empty()) {
      const BrokenRegions regions(text, document);
      const auto undone =
          std::remove_if(findings.begin() + static_cast<ptrdiff_t>(first_object_finding), findings.end(),
                         [&](const Diagnostic& d) { return regions.may_undo(d.span.begin.offset); });
      findings.erase(undone, findings.end());
    }
    // Waivers apply within their own document only.
    auto problems = apply_suppressions(text, document, workloads, std::span(findings).subspan(first_finding),
                                       settings.config);
    if (broken && settings.check_broken_documents) {
      // What a waiver in a broken document would waive is not known.
      std::erase_if(problems, [](const WaiverProblem& p) {
        return p.issue == WaiverIssue::NothingWaived || p.issue == WaiverIssue::RuleNotWaived;
      });
    }
    if (!problems.empty()) {
      for (const auto& [rule, rule_config] : rules) {
        Reporter reporter(rule->info(), rule_config, findings, settings.config, index, text);
        rule->check_waivers(problems, reporter);
      }
    }
    locate(document, std::span(findings).subspan(first_finding));
    const std::string_view source = rendered_from(document);
    for (Diagnostic& d : std::span(findings).subspan(first_finding))
      d.source = source;
  }
  return out;
}

bool in_source_order(const Diagnostic& a, const Diagnostic& b) {
  return a.span.begin.offset < b.span.begin.offset;
}

// Counts a part in, its findings put in source order after the others'.
void add_documents(FileReport& report, DocumentsReport& part, InputFacts& input, bool& broken) {
  if (!input.template_action) input.template_action = part.template_action;
  broken = broken || part.broken;
  report.documents += part.documents;
  report.objects += part.objects;
  std::stable_sort(part.diagnostics.begin(), part.diagnostics.end(), in_source_order);
  report.diagnostics.insert(report.diagnostics.end(), std::make_move_iterator(part.diagnostics.begin()),
                            std::make_move_iterator(part.diagnostics.end()));
  part = {};
}

// What only the whole input tells: the rules about the input (a Helm
// template, say), why nothing in it was linted; then the findings in order.
void finish_report(FileReport& report, const InputFacts& input, bool broken,
                   std::span<const EnabledRule> rules, const LintSettings& settings) {
  std::vector<Diagnostic> about_input;
  for (const auto& [rule, rule_config] : rules) {
    Reporter reporter(rule->info(), rule_config, about_input, settings.config, index_of(settings),
                      report.text);
    rule->check_input(input, reporter);
  }
  // In source order, the input's findings first where they tie (as a stable
  // sort of all would put them). The parts' findings follow one another
  // already (batches of documents in order, each sorted), so a long input's
  // million findings are not sorted again through a buffer half their size;
  // only should one point before its batch are they all.
  std::vector<Diagnostic>& all = report.diagnostics;
  if (!std::is_sorted(all.begin(), all.end(), in_source_order))
    std::stable_sort(all.begin(), all.end(), in_source_order);
  std::stable_sort(about_input.begin(), about_input.end(), in_source_order);
  all.insert(all.begin(), std::make_move_iterator(about_input.begin()),
             std::make_move_iterator(about_input.end()));
  std::inplace_merge(all.begin(), all.begin() + static_cast<ptrdiff_t>(about_input.size()), all.end(),
                     in_source_order);
  if (input.template_action) {
    report.skipped = "Helm template";
    return;
  }
  if (settings.role == InputRole::Kustomization) {
    report.skipped = "kustomize configuration (the patches it lists are linted as partial objects)";
  } else if (report.objects == 0 && !broken) {
    // A broken file may hold objects its errors hide: yaml-syntax says so.
    report.skipped = settings.role == InputRole::KustomizePatch
                         ? "kustomize JSON patch (operations, no object)"
                         : no_object_reason(report.path);
  }
}

}  // namespace

// An input longer than settings.batch_bytes is parsed, checked and released
// a batch of documents at a time (in parallel with jobs > 1).
FileReport lint_text(std::string path, std::string text, const LintSettings& settings) {
  FileReport report{.path = std::move(path), .text = std::move(text)};
  const std::vector<EnabledRule> rules = enabled_rules(settings, report);
  const std::vector<yaml::Batch> batches = yaml::split_documents(report.text, settings.batch_bytes);
  const TemplateScan scan(report.text);
  std::vector<DocumentsReport> parts(batches.size());
  InputFacts input;
  bool broken = false;
  in_order(
      batches.size(), settings.jobs,
      [&](size_t i) {
        parts[i] = lint_documents(yaml::parse(batches[i], settings.parse), report.path, report.text, scan,
                                  rules, settings);
      },
      [&](size_t i) { add_documents(report, parts[i], input, broken); });
  // A Helm template is not YAML until rendered: a batch after the first may
  // be the one that tells, and then none of the documents counts.
  if (input.template_action) {
    report.diagnostics.clear();
    report.documents = report.objects = 0;
  }
  finish_report(report, input, broken, rules, settings);
  return report;
}

void lint_stream(FileReport& report, const yaml::Stream& stream, const LintSettings& settings) {
  const std::vector<EnabledRule> rules = enabled_rules(settings, report);
  DocumentsReport part =
      lint_documents(stream, report.path, report.text, TemplateScan(report.text), rules, settings);
  InputFacts input;
  bool broken = false;
  add_documents(report, part, input, broken);  // nothing but the template action when it is one
  finish_report(report, input, broken, rules, settings);
}

}  // namespace podlint
