// invalid-suppression: a suppression comment or annotation must be one podlint reads.
#include "engine/rule.hpp"

namespace podlint {
namespace {

class InvalidSuppression final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-suppression",
        .severity = Severity::Error,
        .category = "suppression",
        .summary = "A suppression comment or annotation cannot be read",
        .what =
            "Reports a comment that starts with `podlint-` but is not one of `podlint-disable-line`, "
            "`podlint-disable-next-line` and `podlint-disable-file`, a rule id no rule has (with a "
            "did-you-mean), a `podlint-disable-line` alone on its line, an annotation under `podlint.dev/` "
            "other than `podlint.dev/ignore` and `podlint.dev/ignore.<container>`, a container annotation "
            "naming no container of the pod, and a `podlint.dev/ignore` annotation that lists no rule.",
        .why =
            "A waiver podlint cannot read waives nothing: the finding it was written for is still reported, "
            "and the typo is easy to miss when reading the manifest.",
        .bad =
            "apiVersion: batch/v1\n"
            "kind: Job\n"
            "metadata:\n"
            "  name: report\n"
            "spec:\n"
            "  template:\n"
            "    metadata:\n"
            "      annotations:\n"
            "        podlint.dev/ignore.reprot: \"missing-resources -- runs on spare capacity\"\n"
            "    spec:\n"
            "      restartPolicy: Never\n"
            "      containers:\n"
            "        - name: report\n"
            "          image: registry.example.com/report:1.4\n",
        .good =
            "apiVersion: batch/v1\n"
            "kind: Job\n"
            "metadata:\n"
            "  name: report\n"
            "spec:\n"
            "  template:\n"
            "    metadata:\n"
            "      annotations:\n"
            "        podlint.dev/ignore.report: \"missing-resources -- runs on spare capacity\"\n"
            "    spec:\n"
            "      restartPolicy: Never\n"
            "      containers:\n"
            "        - name: report\n"
            "          image: registry.example.com/report:1.4\n",
        .fix =
            "Correct the directive, rule id, annotation or container name the message points at "
            "(`podlint rules` lists the rule ids). Put `podlint-disable-line` after the content it "
            "covers, or use `podlint-disable-next-line` on the line above. Write `\"*\"` to waive every "
            "rule with an annotation.",
        .suppressible = false,
    };
    return info;
  }

  void check_waivers(std::span<const WaiverProblem> problems, Reporter& reporter) const override {
    for (const WaiverProblem& problem : problems) {
      if (problem.kind == WaiverProblemKind::Invalid) reporter.report(problem.span, problem.message);
    }
  }
};

PODLINT_REGISTER_RULE(InvalidSuppression);

}  // namespace
}  // namespace podlint
