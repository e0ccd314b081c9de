// unused-suppression: every waiver in the manifest must waive something.
#include "engine/rule.hpp"

namespace podlint {
namespace {

class UnusedSuppression final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "unused-suppression",
        .severity = Severity::Warning,
        .category = "suppression",
        .summary = "A suppression comment or annotation waives nothing",
        .what =
            "Reports each rule named by a `# podlint-disable-line`, `# podlint-disable-next-line` or "
            "`# podlint-disable-file` comment, or by a `podlint.dev/ignore` or "
            "`podlint.dev/ignore.<container>` annotation, that has no finding to waive where the waiver "
            "applies (a waiver of every rule is reported when it waives nothing at all). A rule the "
            "configuration turns off is not reported: whether it would have found something is unknown.",
        .why =
            "A waiver outlives its reason: the probe gets added, the port gets renamed, yet the comment "
            "stays and will silently hide the next, unrelated finding of that rule at that place. A waiver "
            "put on the wrong line hides nothing and only looks like it does.",
        .bad =
            "apiVersion: v1\n"
            "kind: Pod\n"
            "metadata:\n"
            "  name: web\n"
            "spec:\n"
            "  containers:\n"
            "    - name: web\n"
            "      image: nginx:1.27\n"
            "      ports: [{name: http, containerPort: 8080}]\n"
            "      # podlint-disable-next-line missing-resources -- sized by the autoscaler\n"
            "      resources:\n"
            "        requests: {cpu: 100m, memory: 64Mi}\n"
            "        limits: {memory: 128Mi}\n"
            "      livenessProbe: {httpGet: {path: /healthz, port: http}}\n"
            "      readinessProbe: {httpGet: {path: /ready, port: http}}\n",
        .good =
            "apiVersion: v1\n"
            "kind: Pod\n"
            "metadata:\n"
            "  name: web\n"
            "spec:\n"
            "  containers:\n"
            "    - name: web\n"
            "      image: nginx:1.27\n"
            "      ports: [{name: http, containerPort: 8080}]\n"
            "      resources:\n"
            "        requests: {cpu: 100m, memory: 64Mi}\n"
            "        limits: {memory: 128Mi}\n"
            "      livenessProbe: {httpGet: {path: /healthz, port: http}}\n"
            "      readinessProbe: {httpGet: {path: /ready, port: http}}\n",
        .fix =
            "Delete the waiver, or the rule from its list, when the finding is gone. When it is meant for a "
            "finding elsewhere, move it: podlint-disable-line covers its own line, podlint-disable-next-line "
            "the next line that is not blank or a comment, and a finding belongs to the line where its "
            "position is.",
        .suppressible = false,
    };
    return info;
  }

  void check_waivers(std::span<const WaiverProblem> problems, Reporter& reporter) const override {
    for (const WaiverProblem& problem : problems) {
      if (problem.kind == WaiverProblemKind::Unused) reporter.report(problem.span, problem.message);
    }
  }
};

PODLINT_REGISTER_RULE(UnusedSuppression);

}  // namespace
}  // namespace podlint
