// missing-required-field: fields Kubernetes requires must be present.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "schema/validate.hpp"

namespace podlint {
namespace {

class MissingRequiredField final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "missing-required-field",
        .severity = Severity::Error,
        .category = Category::Schema,
        .consequence = Consequence::Rejected,
        .needs_whole_object = true,
    };
    return info;
  }

  void check_workload(const model::Workload&, Reporter& reporter) const override {
    for (const schema::Finding& finding : reporter.facts().schema_findings()) {
      if (finding.problem != schema::Problem::MissingRequired) continue;
      reporter.report(finding.span,
                      finding.empty_list
                          ? fmt::format("required field \"{}\" in {} is empty", finding.field, finding.owner)
                          : fmt::format("missing required field \"{}\" in {}", finding.field, finding.owner));
    }
  }
};

PODLINT_REGISTER_RULE(MissingRequiredField);

}  // namespace
}  // namespace podlint
