// invalid-suppression: a suppression comment or annotation must be one podlint reads.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"
#include "text/suggest.hpp"

namespace podlint {
namespace {

class InvalidSuppression final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-suppression",
        .severity = Severity::Error,
        .category = Category::Suppression,
        .consequence = Consequence::Waiver,
        .suppressible = false,
    };
    return info;
  }

  void check_waivers(std::span<const WaiverProblem> problems, Reporter& reporter) const override {
    for (const WaiverProblem& p : problems) {
      // What an unknown word is followed by: a suggestion, else what podlint knows.
      const auto hint = [&](std::string_view known) {
        return p.suggestion.empty() ? std::string(known) : text::did_you_mean(p.suggestion);
      };
      switch (p.issue) {
        case WaiverIssue::UnknownRule:
          reporter.report(
              p.span, fmt::format("unknown rule \"{}\"{}", p.word, hint(" (podlint rules lists the rules)")));
          break;
        case WaiverIssue::UnknownDirective:
          reporter.report(p.span,
                          fmt::format("unknown directive \"{}\"{}", p.word,
                                      hint(": podlint reads podlint-disable-line, podlint-disable-next-line "
                                           "and podlint-disable-file")));
          break;
        case WaiverIssue::UnknownAnnotation:
          reporter.report(p.span, fmt::format("unknown annotation \"{}\"{}", p.word,
                                              hint(": podlint reads podlint.dev/ignore and "
                                                   "podlint.dev/ignore.<container>")));
          break;
        case WaiverIssue::UnknownContainer:
          reporter.report(p.span, fmt::format("no container named \"{}\" in {}{}", p.word,
                                              rules::describe_object(p.kind, p.name), hint("")));
          break;
        case WaiverIssue::StarWithRules:
          reporter.report(p.span, "\"*\" stands for every rule and cannot be combined with rule ids");
          break;
        case WaiverIssue::NoRuleListed:
          reporter.report(p.span, fmt::format("{} lists no rule: write \"*\" to waive every rule", p.form));
          break;
        case WaiverIssue::LineDirectiveAlone:
          reporter.report(
              p.span,
              "podlint-disable-line covers its own line, which holds nothing but this comment: use "
              "podlint-disable-next-line");
          break;
        default:
          break;
      }
    }
  }
};

PODLINT_REGISTER_RULE(InvalidSuppression);

}  // namespace
}  // namespace podlint
