// invalid-enum: a field with a fixed set of values must have one of them.
#include <fmt/format.h>

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
      reporter.report(finding.span, message + text::did_you_mean(finding.suggestion));
    }
  }
};

PODLINT_REGISTER_RULE(InvalidEnum);

}  // namespace
}  // namespace podlint
