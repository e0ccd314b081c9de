// hpa-missing-requests: a HorizontalPodAutoscaler that scales on the cpu or
// memory utilization of a workload whose containers do not request it.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "model/objects.hpp"
#include "support/run_objects.hpp"

namespace podlint {
namespace {

class HpaMissingRequests final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "hpa-missing-requests",
        .severity = Severity::Error,
        .category = Category::References,
        .consequence = Consequence::Fails,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    if (w.kind.value != "HorizontalPodAutoscaler") return;
    const model::Autoscaler hpa = model::read_autoscaler(w);
    if (!hpa.target_kind.valid() || !hpa.target_name.valid()) return;
    const IndexedObject* target =
        reporter.index().find_in_namespace(hpa.target_kind.value, w.namespace_.value, hpa.target_name.value);
    if (!target) return;  // hpa-target-not-found's
    for (const model::ResourceMetric& metric : hpa.metrics) {
      if (!metric.utilization) continue;  // averages need no requests
      const std::vector<std::string>* missing =
          metric.resource == "cpu"      ? &target->containers_without_cpu_request
          : metric.resource == "memory" ? &target->containers_without_memory_request
                                        : nullptr;
      if (!missing || missing->empty()) continue;
      std::string names;
      for (const std::string& name : *missing)
        names += fmt::format("{}\"{}\"", names.empty() ? "" : ", ", name);
      reporter.report(
          metric.node->span,
          fmt::format("this autoscaler scales on {} utilization, a share of the {} request, but container{} "
                      "{} of {} request{} no {}: it cannot compute the utilization and never scales",
                      metric.resource, metric.resource, missing->size() == 1 ? "" : "s", names,
                      rules::describe_indexed(*target, reporter.input()), missing->size() == 1 ? "s" : "",
                      metric.resource));
    }
  }
};

PODLINT_REGISTER_RULE(HpaMissingRequests);

}  // namespace
}  // namespace podlint
