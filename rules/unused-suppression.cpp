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
      Diagnostic* d = nullptr;
      if (p.issue == WaiverIssue::NothingWaived)
        d = &reporter.report(p.span, fmt::format("nothing to suppress: no finding {}", where(p)));
      if (p.issue == WaiverIssue::RuleNotWaived)
        d = &reporter.report(p.span, fmt::format("nothing to suppress: no {} finding {}", p.word, where(p)));
      // A waiver of nothing changes no finding: taking it away is safe.
      if (d == nullptr || !p.removal) continue;
      d->fixes.push_back({p.removes_waiver ? std::string("Remove the unused waiver")
                                           : fmt::format("Remove \"{}\" from the waiver", p.word),
                          Applicability::Safe,
                          {*p.removal}});
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
