// unknown-field: every key of a validated object must be a field of its schema type.
#include <fmt/format.h>

#include "engine/edits.hpp"
#include "engine/rule.hpp"
#include "schema/validate.hpp"
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
      // The field takes effect once renamed: sure for a case slip, a guess for a spelling.
      if (auto edit =
              Editor(reporter.source(), nullptr).replace_scalar(*finding.fix_target, finding.suggestion))
        d.fixes.push_back({fmt::format("Rename \"{}\" to \"{}\"", finding.field, finding.suggestion),
                           finding.suggestion_case_only ? Applicability::Safe : Applicability::Unsafe,
                           {std::move(*edit)}});
    }
  }
};

PODLINT_REGISTER_RULE(UnknownField);

}  // namespace
}  // namespace podlint
