// invalid-type: every value of a validated object must have its field's type.
#include <fmt/format.h>

#include "engine/edits.hpp"
#include "engine/rule.hpp"
#include "schema/validate.hpp"

namespace podlint {
namespace {

class InvalidType final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-type",
        .severity = Severity::Error,
        .category = Category::Schema,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload&, Reporter& reporter) const override {
    for (const schema::Finding& finding : reporter.facts().schema_findings()) {
      if (finding.problem != schema::Problem::InvalidType) continue;
      Diagnostic& d = reporter.report(
          finding.span, fmt::format("invalid type for \"{}\" in {}: expected {}, got {}{}", finding.field,
                                    finding.owner, finding.expected, finding.found,
                                    finding.quote_hint ? " (quote it to make it a string)" : ""));
      if (finding.fix_target == nullptr) continue;
      // The string it spells is what was written: quoting changes nothing else.
      if (auto edit = Editor(reporter.source(), nullptr).quote(*finding.fix_target))
        d.fixes.push_back({fmt::format("Quote {} to make it a string", finding.fix_target->value),
                           Applicability::Safe,
                           {std::move(*edit)}});
    }
  }
};

PODLINT_REGISTER_RULE(InvalidType);

}  // namespace
}  // namespace podlint
