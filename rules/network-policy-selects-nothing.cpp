// network-policy-selects-nothing: a NetworkPolicy whose podSelector matches
// the pods of no workload of its namespace in the linted files.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "model/objects.hpp"
#include "model/selector.hpp"
#include "support/run_objects.hpp"

namespace podlint {
namespace {

class NetworkPolicySelectsNothing final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "network-policy-selects-nothing",
        .severity = Severity::Warning,
        .category = Category::References,
        .consequence = Consequence::Risk,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    if (w.kind.value != "NetworkPolicy" || w.api_version.value != "networking.k8s.io/v1") return;
    const model::NetworkPolicy policy = model::read_network_policy(w);
    if (!policy.pod_selector || !yaml::resolve(*policy.pod_selector).is_mapping()) return;
    const model::LabelSelector selector = model::read_label_selector(*policy.pod_selector);
    if (selector.empty()) return;  // {} selects every pod of the namespace
    const size_t makers = reporter.index().pod_makers(w.namespace_.value).size();
    if (makers == 0 || rules::selects_pod_maker(reporter.index(), w.namespace_.value, selector)) return;
    reporter.report(
        policy.pod_selector_key->span,
        fmt::format("the podSelector of NetworkPolicy \"{}\" matches the pods of none of the {} workloads "
                    "of its namespace in the linted files: the policy protects nothing",
                    w.name.value, makers));
  }
};

PODLINT_REGISTER_RULE(NetworkPolicySelectsNothing);

}  // namespace
}  // namespace podlint
