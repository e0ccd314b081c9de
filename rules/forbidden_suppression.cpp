// forbidden-suppression: a waiver of a rule that may not be waived in the manifest.
#include "engine/rule.hpp"

namespace podlint {
namespace {

class ForbiddenSuppression final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "forbidden-suppression",
        .severity = Severity::Error,
        .category = "suppression",
        .summary = "A suppression waives a rule that may not be waived in the manifest",
        .what =
            "Reports a suppression comment or annotation that tries to waive what may not be waived in the "
            "manifest: any rule when the configuration sets `suppressions: {allow: false}`, a rule whose "
            "configuration sets `noSuppress: true`, and always `yaml-syntax` and the suppression rules "
            "themselves. The finding it was meant for stays reported.",
        .why =
            "A team that makes a rule mandatory (a security rule, say) wants its findings fixed, not waived "
            "by whoever edits the manifest; the waiver must not look as if it worked. A document that is "
            "not well-formed YAML was not linted at all, so its syntax error cannot be waived either.",
        .bad =
            "apiVersion: v1\n"
            "kind: Pod\n"
            "metadata:\n"
            "  name: web\n"
            "spec:\n"
            "  containers:\n"
            "    - name: web\n"
            "      # podlint-disable-next-line yaml-syntax -- the generator writes it this way\n"
            "      image: \"nginx:1.27\n",
        .good =
            "apiVersion: v1\n"
            "kind: Pod\n"
            "metadata:\n"
            "  name: web\n"
            "spec:\n"
            "  containers:\n"
            "    - name: web\n"
            "      image: \"nginx:1.27\"\n"
            "      ports: [{name: http, containerPort: 8080}]\n"
            "      resources:\n"
            "        requests: {cpu: 100m, memory: 64Mi}\n"
            "        limits: {memory: 128Mi}\n"
            "      livenessProbe: {httpGet: {path: /healthz, port: http}}\n"
            "      readinessProbe: {httpGet: {path: /ready, port: http}}\n",
        .fix =
            "Fix the finding instead, and delete the waiver. If the rule should be waivable, that is a "
            "decision for the configuration (.podlint.yaml), not for the manifest.",
        .suppressible = false,
    };
    return info;
  }

  void check_waivers(std::span<const WaiverProblem> problems, Reporter& reporter) const override {
    for (const WaiverProblem& problem : problems) {
      if (problem.kind == WaiverProblemKind::Forbidden) reporter.report(problem.span, problem.message);
    }
  }
};

PODLINT_REGISTER_RULE(ForbiddenSuppression);

}  // namespace
}  // namespace podlint
