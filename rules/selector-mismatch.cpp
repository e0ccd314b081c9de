// selector-mismatch: a controller's selector does not select the pods its
// template makes, or is one the API server does not accept for its kind.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "model/scalar.hpp"
#include "model/selector.hpp"

namespace podlint {
namespace {

bool is_apps_controller(std::string_view kind) {
  return kind == "Deployment" || kind == "ReplicaSet" || kind == "DaemonSet" || kind == "StatefulSet";
}

// The entry of a selector mapping (matchLabels' key, a matchExpressions
// item) where a finding about `label` reads best; the selector's key if none.
yaml::Span entry_span(const model::Workload& w, std::string_view label) {
  const yaml::Node& selector = yaml::resolve(*w.selector);
  const yaml::Node* labels = selector.is_mapping() ? yaml::find(selector, "matchLabels") : nullptr;
  if (w.kind.value == "ReplicationController") labels = &selector;
  if (labels && labels->is_mapping()) {
    for (const yaml::Pair& pair : yaml::resolve(*labels).pairs)
      if (yaml::resolve(*pair.key).value == label) return pair.key->span;
  }
  const yaml::Node* expressions = selector.is_mapping() ? yaml::find(selector, "matchExpressions") : nullptr;
  if (expressions && expressions->is_sequence()) {
    for (const yaml::Node* item : yaml::resolve(*expressions).items) {
      const yaml::Node& e = yaml::resolve(*item);
      const yaml::Node* key = e.is_mapping() ? yaml::find(e, "key") : nullptr;
      if (key && key->value == label) return e.span;
    }
  }
  return w.selector_key->span;
}

std::string template_value(const model::Labels& labels, const std::string& key) {
  for (const auto& [k, v] : labels)
    if (k == key) return fmt::format("has {}: \"{}\"", k, v);
  return fmt::format("has no label \"{}\"", key);
}

class SelectorMismatch final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "selector-mismatch",
        .severity = Severity::Error,
        .category = Category::Workloads,
        .consequence = Consequence::Rejected,
        .needs_whole_object = true,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    const std::string_view kind = w.kind.value;
    if (kind == "CronJob") {
      check_cron_job(w, reporter);
      return;
    }
    if (!w.selector || !w.pod_spec) return;
    if (kind == "Job") {
      if (!manual_selector(w.spec)) {
        reporter.report(w.selector_key->span,
                        "a Job's selector is generated from its pods' controller-uid label: remove the "
                        "selector, or set manualSelector: true to choose it yourself");
        return;
      }
    } else if (!is_apps_controller(kind) && kind != "ReplicationController") {
      return;
    }
    const bool map_selector = kind == "ReplicationController";
    if (!yaml::resolve(*w.selector).is_mapping()) return;  // invalid-type's
    const model::LabelSelector selector =
        map_selector ? model::read_map_selector(*w.selector) : model::read_label_selector(*w.selector);
    if (selector.empty()) {
      // An RC's empty selector is filled in from its template's labels.
      if (!map_selector)
        reporter.report(w.selector_key->span,
                        fmt::format("the selector of a {} must not be empty: it would take in every pod of "
                                    "the namespace, so select the template's labels",
                                    kind));
      return;
    }
    const model::Labels labels = model::read_labels(w.pod_labels);
    if (selector.matches(labels)) return;
    const yaml::Span at_template = w.pod_labels ? w.pod_labels->span : w.selector_key->span;
    for (const auto& [key, value] : selector.match_labels) {
      if (model::LabelSelector{.match_labels = {{key, value}}, .expressions = {}}.matches(labels)) continue;
      report(reporter, entry_span(w, key), at_template,
             fmt::format("the selector requires {}: \"{}\", but the pod template {}", key, value,
                         template_value(labels, key)));
    }
    for (const model::SelectorRequirement& r : selector.expressions) {
      // A malformed requirement is invalid-label-selector's (or invalid-enum's).
      if (!r.well_formed() || model::LabelSelector{.match_labels = {}, .expressions = {r}}.matches(labels))
        continue;
      report(reporter, entry_span(w, r.key), at_template,
             fmt::format("the selector's expression on \"{}\" ({}) does not match the pod template, which {}",
                         r.key, r.op, template_value(labels, r.key)));
    }
  }

 private:
  static bool manual_selector(const yaml::Node* spec) {
    const yaml::Node* manual = spec && spec->is_mapping() ? yaml::find(*spec, "manualSelector") : nullptr;
    return manual && model::parse_bool(*manual).value_or(false);
  }

  static void report(Reporter& reporter, const yaml::Span& at, const yaml::Span& labels,
                     std::string message) {
    Diagnostic& d = reporter.report(at, message + ": the controller would not own the pods it creates");
    d.related.push_back({labels, "the pod template's labels"});
  }

  // A CronJob's jobs get generated selectors: its job template may set none.
  static void check_cron_job(const model::Workload& w, Reporter& reporter) {
    const yaml::Node* job_template =
        w.spec && w.spec->is_mapping() ? yaml::find(*w.spec, "jobTemplate") : nullptr;
    const yaml::Node* job_spec =
        job_template && job_template->is_mapping() ? yaml::find(*job_template, "spec") : nullptr;
    if (!job_spec || !job_spec->is_mapping()) return;
    for (const yaml::Pair& pair : yaml::resolve(*job_spec).pairs) {
      const yaml::Node& key = yaml::resolve(*pair.key);
      const yaml::Node& value = yaml::resolve(*pair.value);
      if (key.value == "selector" && model::scalar_type(value) != model::ScalarType::Null) {
        reporter.report(pair.key->span,
                        "a CronJob's jobs get generated selectors: remove the selector from its jobTemplate");
      } else if (key.value == "manualSelector" && model::parse_bool(value).value_or(false)) {
        reporter.report(pair.key->span,
                        "a CronJob's jobs get generated selectors: manualSelector: true is not supported");
      }
    }
  }
};

PODLINT_REGISTER_RULE(SelectorMismatch);

}  // namespace
}  // namespace podlint
