// invalid-enum: a field with a fixed set of values must have one of them.
#include <fmt/format.h>

#include "engine/edits.hpp"
#include "engine/rule.hpp"
#include "schema/validate.hpp"
#include "text/suggest.hpp"

namespace podlint {
namespace {

class InvalidEnum final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-enum",
        .severity = Severity::Error,
        .category = Category::Schema,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload&, Reporter& reporter) const override {
    for (const schema::Finding& finding : reporter.facts().schema_findings()) {
      if (finding.problem != schema::Problem::InvalidEnum) continue;
      std::string message = fmt::format("unsupported value \"{}\" for \"{}\" in {}: supported values are ",
                                        finding.value, finding.field, finding.owner);
      for (size_t i = 0; i < finding.allowed.size(); ++i)
        message += fmt::format("{}\"{}\"", i ? ", " : "", finding.allowed[i]);
      Diagnostic& d = reporter.report(finding.span, message + text::did_you_mean(finding.suggestion));
      if (finding.fix_target == nullptr) continue;
      // A case slip has one reading; a spelling is podlint's guess.
      if (auto edit =
              Editor(reporter.source(), nullptr).replace_scalar(*finding.fix_target, finding.suggestion))
        d.fixes.push_back({fmt::format("Change \"{}\" to \"{}\"", finding.value, finding.suggestion),
                           finding.suggestion_case_only ? Applicability::Safe : Applicability::Unsafe,
                           {std::move(*edit)}});
    }
  }
};

PODLINT_REGISTER_RULE(InvalidEnum);

}  // namespace
}  // namespace podlint
