// unknown-field: every key of a validated object must be a field of its schema type.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "schema/validate.hpp"
#include "support/guess_fix.hpp"
#include "text/suggest.hpp"

namespace podlint {
namespace {

class UnknownField final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "unknown-field",
        .severity = Severity::Error,
        .category = Category::Schema,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload&, Reporter& reporter) const override {
    for (const schema::Finding& finding : reporter.facts().schema_findings()) {
      if (finding.problem != schema::Problem::UnknownField) continue;
      Diagnostic& d =
          reporter.report(finding.span, fmt::format("unknown field \"{}\" in {}{}", finding.field,
                                                    finding.owner, text::did_you_mean(finding.suggestion)));
      if (finding.fix_target == nullptr) continue;
      // Renamed, the field takes effect: sure for a case slip, a guess for a spelling.
      const text::Guess guess{finding.suggestion, finding.suggestion_case_only, true};
      if (auto fix =
              rules::guess_fix(reporter.source(), *finding.fix_target, guess,
                               fmt::format("Rename \"{}\" to \"{}\"", finding.field, finding.suggestion)))
        d.fixes.push_back(std::move(*fix));
    }
  }
};

PODLINT_REGISTER_RULE(UnknownField);

}  // namespace
}  // namespace podlint
