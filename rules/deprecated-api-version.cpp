// deprecated-api-version: an apiVersion the target Kubernetes release still
// serves for the object's kind, but a later release removes.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "support/removed_apis.hpp"

namespace podlint {
namespace {

class DeprecatedApiVersion final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "deprecated-api-version",
        .severity = Severity::Warning,
        .category = Category::Schema,
        .consequence = Consequence::Risk,
    };
    return info;
  }

  void check_workload(const model::Workload& object, Reporter& reporter) const override {
    const rules::RemovedApi* removed = rules::removed_api(object);
    const uint8_t target = reporter.facts().kubernetes_minor();
    if (removed == nullptr || removed->removed_in <= target) return;
    reporter.report(
        object.api_version.span(),
        fmt::format("{} as {} is removed in Kubernetes {} (the target is {}){}", removed->kind,
                    removed->api_version, rules::release_name(removed->removed_in),
                    rules::release_name(target),
                    removed->use.empty() ? std::string(": the kind goes with it")
                                         : fmt::format(": move to {} before upgrading", removed->use)));
  }
};

PODLINT_REGISTER_RULE(DeprecatedApiVersion);

}  // namespace
}  // namespace podlint
