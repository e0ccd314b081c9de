// unused-suppression: every waiver in the manifest must waive something.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

class UnusedSuppression final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "unused-suppression",
        .severity = Severity::Warning,
        .category = Category::Suppression,
        .consequence = Consequence::Waiver,
        .suppressible = false,
    };
    return info;
  }

  void check_waivers(std::span<const WaiverProblem> problems, Reporter& reporter) const override {
    for (const WaiverProblem& p : problems) {
      if (p.issue == WaiverIssue::NothingWaived)
        reporter.report(p.span, fmt::format("nothing to suppress: no finding {}", where(p)));
      if (p.issue == WaiverIssue::RuleNotWaived)
        reporter.report(p.span, fmt::format("nothing to suppress: no {} finding {}", p.word, where(p)));
    }
  }

 private:
  // Where the waiver applies: "on line 12", "in container \"web\""...
  static std::string where(const WaiverProblem& p) {
    switch (p.scope) {
      case WaiverScope::Line:
        return p.line == 0 ? "after this comment" : fmt::format("on line {}", p.line);
      case WaiverScope::File:
        return "in this document";
      case WaiverScope::Container:
        return fmt::format("in container \"{}\"", p.name);
      case WaiverScope::Object:
        break;
    }
    return "in " + rules::describe_object(p.kind, p.name);
  }
};

PODLINT_REGISTER_RULE(UnusedSuppression);

}  // namespace
}  // namespace podlint
