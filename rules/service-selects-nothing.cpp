// service-selects-nothing: a Service whose selector matches the pods of no
// workload of its namespace in the linted files: it has no endpoints.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "model/objects.hpp"
#include "model/selector.hpp"
#include "support/run_objects.hpp"

namespace podlint {
namespace {

std::string labels_text(const model::Labels& labels) {
  std::string out;
  for (const auto& [key, value] : labels)
    out += fmt::format("{}{}: {}", out.empty() ? "" : ", ", key, value);
  return out;
}

class ServiceSelectsNothing final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "service-selects-nothing",
        .severity = Severity::Warning,
        .category = Category::References,
        .consequence = Consequence::Fails,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    if (w.kind.value != "Service" || w.api_version.value != "v1" || !w.selector) return;
    if (model::read_service(w).type.value == "ExternalName") return;
    const model::LabelSelector selector = model::read_map_selector(*w.selector);
    if (selector.empty()) return;  // endpoints managed by hand
    const size_t makers = reporter.index().pod_makers(w.namespace_.value).size();
    // Without any workload of its namespace in the run, nothing can be said.
    if (makers == 0 || rules::selects_pod_maker(reporter.index(), w.namespace_.value, selector)) return;
    reporter.report(
        w.selector_key->span,
        fmt::format("the selector of Service \"{}\" ({}) matches the pods of none of the {} workloads of "
                    "its namespace in the linted files: the Service has no endpoints",
                    w.name.value, labels_text(selector.match_labels), makers));
  }
};

PODLINT_REGISTER_RULE(ServiceSelectsNothing);

}  // namespace
}  // namespace podlint
