// forbidden-suppression: a waiver of a rule that may not be waived in the manifest.
#include <fmt/format.h>

#include "engine/rule.hpp"

namespace podlint {
namespace {

class ForbiddenSuppression final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "forbidden-suppression",
        .severity = Severity::Error,
        .category = Category::Suppression,
        .consequence = Consequence::Waiver,
        .suppressible = false,
    };
    return info;
  }

  void check_waivers(std::span<const WaiverProblem> problems, Reporter& reporter) const override {
    for (const WaiverProblem& p : problems) {
      switch (p.issue) {
        case WaiverIssue::SuppressionsOff:
          reporter.report(
              p.span,
              "in-source suppressions are turned off: the configuration sets suppressions.allow to false");
          break;
        case WaiverIssue::NeverSuppressible:
          reporter.report(p.span, p.form.empty()
                                      ? fmt::format("{} findings cannot be suppressed", p.word)
                                      : fmt::format("{} cannot suppress {} findings", p.form, p.word));
          break;
        case WaiverIssue::NoSuppress:
          reporter.report(
              p.span, p.form.empty()
                          ? fmt::format("{} findings may not be suppressed in the manifest: the "
                                        "configuration sets noSuppress",
                                        p.word)
                          : fmt::format("{} may not suppress {} findings: the configuration sets noSuppress",
                                        p.form, p.word));
          break;
        default:
          break;
      }
    }
  }
};

PODLINT_REGISTER_RULE(ForbiddenSuppression);

}  // namespace
}  // namespace podlint
