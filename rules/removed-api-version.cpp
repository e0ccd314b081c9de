// removed-api-version: an apiVersion that the target Kubernetes release no
// longer serves for the object's kind.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "support/removed_apis.hpp"

namespace podlint {
namespace {

class RemovedApiVersion final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "removed-api-version",
        .severity = Severity::Error,
        .category = Category::Schema,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& object, Reporter& reporter) const override {
    const rules::RemovedApi* removed = rules::removed_api(object);
    const uint8_t target = reporter.facts().kubernetes_minor();
    if (removed == nullptr || removed->removed_in > target) return;
    reporter.report(
        object.api_version.span(),
        fmt::format("Kubernetes {} does not serve {} as {} (removed in {}){}", rules::release_name(target),
                    removed->kind, removed->api_version, rules::release_name(removed->removed_in),
                    removed->use.empty() ? std::string(": the kind is gone")
                                         : fmt::format(": use {}", removed->use)));
  }
};

PODLINT_REGISTER_RULE(RemovedApiVersion);

}  // namespace
}  // namespace podlint
