// unknown-field: every key of a validated object must be a field of its schema type.
#include "engine/rule.hpp"
#include "schema/validate.hpp"

namespace podlint {
namespace {

class UnknownField final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "unknown-field",
        .severity = Severity::Error,
        .category = "schema",
        .summary = "A key is not a field of the Kubernetes schema",
        .what =
            "Reports every key that the Kubernetes 1.36 schema does not define at its place, in Pods, "
            "PodTemplates, ReplicationControllers, Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs "
            "and CronJobs (from the root: metadata, the pod template, status...). The message suggests the "
            "field meant: one spelled the same ignoring case, else the nearest name when it is a likely "
            "typo. Objects of other kinds, or of an apiVersion the schema does not describe, are not "
            "checked.",
        .why =
            "Without strict field validation the API server drops an unknown field silently (kubectl only "
            "warns): a misspelt `imagePullPolicy`, `readinessProbe` or `resources` is not an error but "
            "simply never takes effect, and the pod runs without the setting the manifest seems to give it.",
        .bad =
            "apiVersion: v1\n"
            "kind: Pod\n"
            "metadata:\n"
            "  name: web\n"
            "spec:\n"
            "  containers:\n"
            "    - name: web\n"
            "      image: nginx:1.27\n"
            "      imagePullPolicy: IfNotPresent\n"
            "      readynessProbe:\n"
            "        tcpSocket:\n"
            "          port: 8080\n"
            "      ports:\n"
            "        - containerPort: 8080\n"
            "      resources:\n"
            "        requests:\n"
            "          cpu: 100m\n"
            "          memory: 128Mi\n"
            "        limits:\n"
            "          memory: 128Mi\n"
            "      readinessProbe:\n"
            "        httpGet:\n"
            "          path: /ready\n"
            "          port: 8080\n"
            "      livenessProbe:\n"
            "        httpGet:\n"
            "          path: /healthz\n"
            "          port: 8080\n",
        .good =
            "apiVersion: v1\n"
            "kind: Pod\n"
            "metadata:\n"
            "  name: web\n"
            "spec:\n"
            "  containers:\n"
            "    - name: web\n"
            "      image: nginx:1.27\n"
            "      imagePullPolicy: IfNotPresent\n"
            "      ports:\n"
            "        - containerPort: 8080\n"
            "      resources:\n"
            "        requests:\n"
            "          cpu: 100m\n"
            "          memory: 128Mi\n"
            "        limits:\n"
            "          memory: 128Mi\n"
            "      readinessProbe:\n"
            "        httpGet:\n"
            "          path: /ready\n"
            "          port: 8080\n"
            "      livenessProbe:\n"
            "        httpGet:\n"
            "          path: /healthz\n"
            "          port: 8080\n",
        .fix =
            "Correct the spelling (field names are case-sensitive camelCase), move the field to the level "
            "where it belongs, or delete it.",
    };
    return info;
  }

  void check_workload(const model::Workload&, Reporter& reporter) const override {
    for (const schema::Finding& finding : reporter.facts().schema_findings()) {
      if (finding.problem == schema::Problem::UnknownField) reporter.report(finding.span, finding.message);
    }
  }
};

PODLINT_REGISTER_RULE(UnknownField);

}  // namespace
}  // namespace podlint
