// extended-resource-mismatch: extended resources and hugepages need request == limit.
#include "engine/rule.hpp"
#include "support/quantity.hpp"

namespace podlint {
namespace {

class ExtendedResourceMismatch final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "extended-resource-mismatch",
        .severity = Severity::Error,
        .category = Category::Resources,
        .consequence = Consequence::Rejected,
        .needs_whole_object = true,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    for (const model::Container* c : workload.pod_spec->all_containers()) {
      if (!c->resources) continue;
      for (const model::ResourceQuantity& request : c->resources->requests) {
        if (rules::is_overcommittable(request.name) || !request.key) continue;
        const std::string label = rules::entry_label(request, false);
        const model::ResourceQuantity* limit = rules::find_entry(c->resources->limits, request.name);
        if (!limit) {
          reporter.report(request.key->span,
                          label + " has no limit (it must have one, equal to the request)");
          continue;
        }
        const auto requested = rules::entry_quantity(request), allowed = rules::entry_quantity(*limit);
        if (!requested || !allowed || *requested == *allowed) continue;
        Diagnostic& d =
            reporter.report(request.value->span,
                            label + " \"" + std::string(request.quantity) + "\" differs from its limit \"" +
                                std::string(limit->quantity) + "\" (they must be equal)");
        d.related.push_back({limit->value->span, "the limit"});
      }
    }
  }
};

PODLINT_REGISTER_RULE(ExtendedResourceMismatch);

}  // namespace
}  // namespace podlint
