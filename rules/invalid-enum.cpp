// invalid-enum: a field with a fixed set of values must have one of them.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "schema/validate.hpp"
#include "support/guess_fix.hpp"
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
      const text::Guess guess{finding.suggestion, finding.suggestion_case_only, true};
      if (auto fix =
              rules::guess_fix(reporter.source(), *finding.fix_target, guess,
                               fmt::format("Change \"{}\" to \"{}\"", finding.value, finding.suggestion)))
        d.fixes.push_back(std::move(*fix));
    }
  }
};

PODLINT_REGISTER_RULE(InvalidEnum);

}  // namespace
}  // namespace podlint
