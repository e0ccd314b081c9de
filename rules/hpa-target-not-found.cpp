// hpa-target-not-found: a HorizontalPodAutoscaler whose scale target is not
// among the linted workloads of its namespace, while others are.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "model/objects.hpp"
#include "support/run_objects.hpp"
#include "text/suggest.hpp"

namespace podlint {
namespace {

class HpaTargetNotFound final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "hpa-target-not-found",
        .severity = Severity::Warning,
        .category = Category::References,
        .consequence = Consequence::Fails,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    if (w.kind.value != "HorizontalPodAutoscaler") return;
    const model::Autoscaler hpa = model::read_autoscaler(w);
    if (!hpa.target_kind.valid() || !hpa.target_name.valid() || hpa.target_name.value.empty()) return;
    const std::string_view ns = w.namespace_.value;
    if (reporter.index().find_in_namespace(hpa.target_kind.value, ns, hpa.target_name.value)) return;
    const auto makers = rules::pod_makers(reporter.index(), ns);
    // A namespace with no workload in the run says nothing of the cluster's.
    if (makers.empty()) return;
    std::vector<std::string_view> names;
    for (const IndexedObject* o : makers)
      if (o->ref.kind == hpa.target_kind.value) names.push_back(o->ref.name);
    reporter.report(
        hpa.target_name.span(),
        fmt::format("the scale target {} \"{}\" is not among the linted workloads of the namespace: the "
                    "autoscaler fails to get its scale{}",
                    hpa.target_kind.value, hpa.target_name.value,
                    text::did_you_mean(hpa.target_name.value, names)));
  }
};

PODLINT_REGISTER_RULE(HpaTargetNotFound);

}  // namespace
}  // namespace podlint
