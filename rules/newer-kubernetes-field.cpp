// newer-kubernetes-field: a field or an enum value that a later Kubernetes
// release than the target added.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "schema/validate.hpp"
#include "support/removed_apis.hpp"

namespace podlint {
namespace {

// "1.34"; "1.31 or 1.32" when no models of the release between were published.
std::string releases(uint8_t after, uint8_t by) {
  if (by == after + 1) return rules::release_name(by);
  if (by == after + 2)
    return fmt::format("{} or {}", rules::release_name(after + 1), rules::release_name(by));
  return fmt::format("{} to {}", rules::release_name(after + 1), rules::release_name(by));
}

class NewerKubernetesField final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "newer-kubernetes-field",
        .severity = Severity::Error,
        .category = Category::Schema,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload&, Reporter& reporter) const override {
    const std::string target = rules::release_name(reporter.facts().kubernetes_minor());
    for (const schema::Finding& finding : reporter.facts().schema_findings()) {
      if (finding.problem != schema::Problem::NotInVersion) continue;
      const std::string needs = releases(finding.added_after, finding.added_by);
      reporter.report(finding.span, finding.value.empty()
                                        ? fmt::format("\"{}\" in {} needs Kubernetes {} (the target is {})",
                                                      finding.field, finding.owner, needs, target)
                                        : fmt::format("{} \"{}\" needs Kubernetes {} (the target is {})",
                                                      finding.field, finding.value, needs, target));
    }
  }
};

PODLINT_REGISTER_RULE(NewerKubernetesField);

}  // namespace
}  // namespace podlint
