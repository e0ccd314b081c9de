// missing-required-field: fields Kubernetes requires must be present.
#include "engine/rule.hpp"
#include "schema/validate.hpp"

namespace podlint {
namespace {

class MissingRequiredField final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "missing-required-field",
        .severity = Severity::Error,
        .category = "schema",
        .summary = "A field the API server requires is missing",
        .what =
            "Reports a required field that is absent or null: a pod spec's containers (or an empty list of "
            "them), a container's name and image, a port's containerPort, a volume's or env var's name, a "
            "volume mount's name and mountPath, a probe handler's port, exec command, selector requirement "
            "key and operator, seccomp/AppArmor profile type, a workload's spec, selector and template, a "
            "CronJob's schedule and jobTemplate, and the other fields the API server always requires. Fields "
            "it fills with defaults before validating (restartPolicy, dnsPolicy, imagePullPolicy, protocol, "
            "httpGet path...) are not required. The diagnostic points at the key or list item whose mapping "
            "lacks the field.",
        .why =
            "The API server rejects the object with `Required value`; for workloads the error often only "
            "shows when the controller tries to create pods.",
        .bad =
            "apiVersion: v1\n"
            "kind: Pod\n"
            "metadata:\n"
            "  name: web\n"
            "spec:\n"
            "  containers:\n"
            "    - name: web\n"
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
        .fix = "Add the missing field with the value you mean.",
    };
    return info;
  }

  void check_workload(const model::Workload&, Reporter& reporter) const override {
    for (const schema::Finding& finding : reporter.facts().schema_findings()) {
      if (finding.problem == schema::Problem::MissingRequired) reporter.report(finding.span, finding.message);
    }
  }
};

PODLINT_REGISTER_RULE(MissingRequiredField);

}  // namespace
}  // namespace podlint
