// invalid-enum: a field with a fixed set of values must have one of them.
#include "engine/rule.hpp"
#include "schema/validate.hpp"

namespace podlint {
namespace {

class InvalidEnum final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-enum",
        .severity = Severity::Error,
        .category = "schema",
        .summary = "A value is not one of the values its field supports",
        .what =
            "Reports a string outside the supported values of an enumerated field, comparing "
            "case-sensitively, and lists the supported ones with the likely intended value: imagePullPolicy, "
            "terminationMessagePolicy, ports protocol, dnsPolicy, preemptionPolicy, os.name, httpGet scheme, "
            "hostPath type, mountPropagation, recursiveReadOnly, procMount, seccomp and AppArmor profile "
            "types, fsGroupChangePolicy, supplementalGroupsPolicy, seLinuxChangePolicy, toleration operator "
            "and effect, selector and node selector operators, topology spread policies, resizePolicy, image "
            "volume pullPolicy, Deployment strategy type, DaemonSet and StatefulSet update strategy types, "
            "podManagementPolicy, StatefulSet PVC retention policies, Job completionMode and "
            "podReplacementPolicy, CronJob concurrencyPolicy. restartPolicy has rules of its own.",
        .why =
            "The API server rejects the object (`Unsupported value`). Values are case-sensitive, so "
            "`ifNotPresent` or `tcp` fail even though they read right.",
        .bad =
            "apiVersion: v1\n"
            "kind: Pod\n"
            "metadata:\n"
            "  name: web\n"
            "spec:\n"
            "  containers:\n"
            "    - name: web\n"
            "      image: nginx:1.27\n"
            "      imagePullPolicy: ifNotPresent\n"
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
        .fix = "Use one of the supported values, spelled exactly as listed.",
    };
    return info;
  }

  void check_workload(const model::Workload&, Reporter& reporter) const override {
    for (const schema::Finding& finding : reporter.facts().schema_findings()) {
      if (finding.problem == schema::Problem::InvalidEnum) reporter.report(finding.span, finding.message);
    }
  }
};

PODLINT_REGISTER_RULE(InvalidEnum);

}  // namespace
}  // namespace podlint
