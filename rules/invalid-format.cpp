// invalid-format: a string the API server checks the syntax of (a DNS name, a
// label key or value, a ConfigMap key, an environment variable name, a path...)
// is not in that syntax.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "schema/formats.hpp"
#include "schema/validate.hpp"
#include "text/suggest.hpp"

namespace podlint {
namespace {

class InvalidFormat final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-format",
        .severity = Severity::Error,
        .category = Category::Schema,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload&, Reporter& reporter) const override {
    for (const schema::Finding& finding : reporter.facts().schema_findings()) {
      if (finding.problem != schema::Problem::InvalidFormat) continue;
      const std::string problems = schema::describe_format_problems(finding.format, finding.value);
      const std::string suggestion =
          text::did_you_mean(schema::format_suggestion(finding.format, finding.value));
      if (finding.map_key) {
        reporter.report(finding.span, fmt::format("key \"{}\" of \"{}\" in {} must be {}: it {}{}",
                                                  finding.value, finding.field, finding.owner,
                                                  schema::format_name(finding.format), problems, suggestion));
      } else {
        reporter.report(finding.span, fmt::format("\"{}\" in {} must be {}: \"{}\" {}{}", finding.field,
                                                  finding.owner, schema::format_name(finding.format),
                                                  finding.value, problems, suggestion));
      }
    }
  }
};

PODLINT_REGISTER_RULE(InvalidFormat);

}  // namespace
}  // namespace podlint
