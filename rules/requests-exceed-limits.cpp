// requests-exceed-limits: a container cannot request more than its limit.
#include "engine/rule.hpp"
#include "support/quantity.hpp"

namespace podlint {
namespace {

class RequestsExceedLimits final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "requests-exceed-limits",
        .severity = Severity::Error,
        .category = Category::Resources,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    for (const model::Container* c : workload.pod_spec->all_containers()) {
      if (!c->resources) continue;
      for (const model::ResourceQuantity& request : c->resources->requests) {
        if (!rules::is_overcommittable(request.name)) continue;
        const model::ResourceQuantity* limit = rules::find_entry(c->resources->limits, request.name);
        if (!limit) continue;
        const auto requested = rules::entry_quantity(request), allowed = rules::entry_quantity(*limit);
        if (!requested || !allowed || *requested <= *allowed) continue;
        Diagnostic& d = reporter.report(
            request.value->span, rules::entry_label(request, false) + " \"" + std::string(request.quantity) +
                                     "\" exceeds its limit \"" + std::string(limit->quantity) + "\"");
        d.related.push_back({limit->value->span, "the limit"});
      }
    }
  }
};

PODLINT_REGISTER_RULE(RequestsExceedLimits);

}  // namespace
}  // namespace podlint
