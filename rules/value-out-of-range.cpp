// value-out-of-range: an integer field is outside the range the API server
// accepts (probe timings, replicas, user ids, file modes, weights...).
#include <fmt/format.h>

#include <algorithm>

#include "engine/rule.hpp"
#include "schema/validate.hpp"

namespace podlint {
namespace {

// File modes are written in octal (0644) but may be decimal (420).
bool is_file_mode(std::string_view field) {
  return field == "mode" || field == "defaultMode";
}

std::string bounds(const schema::Finding& f) {
  const std::string octal = is_file_mode(f.field) ? " (0777 in octal)" : "";
  if (f.minimum != schema::kNoMinimum && f.maximum != schema::kNoMaximum)
    return fmt::format("between {} and {}{}", f.minimum, f.maximum, octal);
  if (f.minimum != schema::kNoMinimum) return fmt::format("at least {}", f.minimum);
  return fmt::format("at most {}{}", f.maximum, octal);
}

// `644` for a mode: the octal digits without the leading 0 that makes them octal.
std::string hint(const schema::Finding& f) {
  const bool octal_digits =
      std::all_of(f.value.begin(), f.value.end(), [](char c) { return c >= '0' && c <= '7'; });
  if (is_file_mode(f.field) && octal_digits && f.value.size() == 3)
    return fmt::format(" (did you mean 0{}, which is octal?)", f.value);
  return {};
}

class ValueOutOfRange final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "value-out-of-range",
        .severity = Severity::Error,
        .category = Category::Schema,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload&, Reporter& reporter) const override {
    for (const schema::Finding& finding : reporter.facts().schema_findings()) {
      if (finding.problem != schema::Problem::OutOfRange) continue;
      reporter.report(finding.span,
                      fmt::format("\"{}\" in {} must be {}, not {}{}", finding.field, finding.owner,
                                  bounds(finding), finding.value, hint(finding)));
    }
  }
};

PODLINT_REGISTER_RULE(ValueOutOfRange);

}  // namespace
}  // namespace podlint
