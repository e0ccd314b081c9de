// invalid-label-selector: a matchExpressions requirement whose values do not
// suit its operator (In and NotIn need values, Exists and DoesNotExist take
// none), wherever a label selector stands.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "support/fields.hpp"
#include "support/selectors.hpp"

namespace podlint {
namespace {

class InvalidLabelSelector final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-label-selector",
        .severity = Severity::Error,
        .category = Category::Scheduling,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    for (const rules::SelectorSite& site : rules::label_selectors(w)) {
      for (const yaml::Node* requirement : rules::items(rules::field(site.selector, "matchExpressions"))) {
        const auto op = rules::string_value(rules::field(requirement, "operator"));
        const auto key = rules::string_value(rules::field(requirement, "key")).value_or("");
        if (!op) continue;
        const size_t values = rules::items(rules::field(requirement, "values")).size();
        if ((*op == "In" || *op == "NotIn") && values == 0)
          reporter.report(
              rules::field_span(requirement, "operator"),
              fmt::format("the requirement on \"{}\" in {} uses {} with no values: list at least one "
                          "(or use Exists)",
                          key, site.what, *op));
        if ((*op == "Exists" || *op == "DoesNotExist") && values > 0)
          reporter.report(rules::field_span(requirement, "values"),
                          fmt::format("the requirement on \"{}\" in {} uses {}, which takes no values", key,
                                      site.what, *op));
      }
    }
  }
};

PODLINT_REGISTER_RULE(InvalidLabelSelector);

}  // namespace
}  // namespace podlint
