// ineffective-pdb: a PodDisruptionBudget that selects no pod of the linted
// workloads, or can never allow a voluntary eviction (so node drains hang).
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "model/objects.hpp"
#include "model/scalar.hpp"
#include "model/selector.hpp"
#include "support/run_objects.hpp"

namespace podlint {
namespace {

// An int-or-percent as a number and whether it is a percentage; nothing
// when it is neither.
std::optional<std::pair<int64_t, bool>> amount(const model::Field<model::IntOrString>& field) {
  if (!field.valid()) return std::nullopt;
  if (field.value.is_int) return std::pair{field.value.number, false};
  const std::string_view text = field.value.text;
  if (!text.ends_with('%')) return std::nullopt;
  const auto n = model::parse_int(text.substr(0, text.size() - 1));
  return n ? std::optional(std::pair{*n, true}) : std::nullopt;
}

class IneffectivePdb final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "ineffective-pdb",
        .severity = Severity::Warning,
        .category = Category::References,
        .consequence = Consequence::Risk,
        .needs_whole_object = true,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    if (w.kind.value != "PodDisruptionBudget" || w.api_version.value != "policy/v1") return;
    const model::DisruptionBudget budget = model::read_disruption_budget(w);
    if (const auto max = amount(budget.max_unavailable); max && max->first == 0)
      reporter.report(
          budget.max_unavailable.span(),
          "maxUnavailable 0 never allows an eviction: node drains and upgrades wait on these pods for "
          "ever");
    if (!w.selector || !yaml::resolve(*w.selector).is_mapping()) {
      reporter.report(w.selector_key ? w.selector_key->span : w.kind.span(),
                      "a PodDisruptionBudget without a selector protects no pod");
      return;
    }
    const model::LabelSelector selector = model::read_label_selector(*w.selector);
    const size_t makers = reporter.index().pod_makers(w.namespace_.value).size();
    const auto protected_ = rules::selected_pod_makers(reporter.index(), w.namespace_.value, selector);
    if (makers > 0 && protected_.empty()) {
      reporter.report(w.selector_key->span,
                      fmt::format("the selector of PodDisruptionBudget \"{}\" matches the pods of "
                                  "none of the {} workloads of its namespace in the linted files",
                                  w.name.value, makers));
      return;
    }
    const auto min = amount(budget.min_available);
    if (!min) return;
    if (min->second) {
      if (min->first >= 100)
        reporter.report(budget.min_available.span(),
                        "minAvailable 100% never allows an eviction: node drains and "
                        "upgrades wait on these pods for ever");
      return;
    }
    int64_t replicas = 0;
    for (const IndexedObject* o : protected_) {
      if (!o->replicas) return;  // a DaemonSet's or a Job's count is not in the manifest
      replicas += *o->replicas;
    }
    if (!protected_.empty() && min->first >= replicas)
      reporter.report(
          budget.min_available.span(),
          fmt::format("minAvailable {} is not below the {} replica{} it protects: no pod may ever be "
                      "evicted, so node drains and upgrades wait on them for ever",
                      min->first, replicas, replicas == 1 ? "" : "s"));
  }
};

PODLINT_REGISTER_RULE(IneffectivePdb);

}  // namespace
}  // namespace podlint
