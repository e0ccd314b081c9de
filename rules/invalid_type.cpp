// invalid-type: every value of a validated object must have its field's type.
#include "engine/rule.hpp"
#include "schema/validate.hpp"

namespace podlint {
namespace {

class InvalidType final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-type",
        .severity = Severity::Error,
        .category = "schema",
        .summary = "A value does not have the type its field requires",
        .what =
            "Reports a value whose type is not the one the Kubernetes schema gives its field: a string where "
            "an integer is expected (`containerPort: \"8080\"`), a number or boolean where a string is "
            "expected (a label value `1.0`, an env value `true`), a mapping where a list is expected, and so "
            "on. YAML scalars are typed as Kubernetes types them, by the YAML 1.2 core schema: `yes` and "
            "`on` are strings, `080` is an integer, anything quoted is a string. Ports and similar fields "
            "take an integer or a string; quantities take a string or a number; an explicit null counts as "
            "an absent field. Nothing inside a value of the wrong type is checked further.",
        .why =
            "The API server cannot decode such an object and rejects it as a whole, with a message that "
            "names a Go type rather than the line. Quoting mistakes (`version: 1.10` read as the number 1.1) "
            "are the usual cause.",
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
            "      tty: \"true\"\n"
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
            "      tty: true\n"
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
            "Write the value with the type the field expects: quote a string that looks like a number or "
            "boolean, unquote a number or boolean, write a list as `- item` entries.",
    };
    return info;
  }

  void check_workload(const model::Workload&, Reporter& reporter) const override {
    for (const schema::Finding& finding : reporter.facts().schema_findings()) {
      if (finding.problem == schema::Problem::InvalidType) reporter.report(finding.span, finding.message);
    }
  }
};

PODLINT_REGISTER_RULE(InvalidType);

}  // namespace
}  // namespace podlint
