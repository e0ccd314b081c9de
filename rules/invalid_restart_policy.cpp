// invalid-restart-policy: a pod restartPolicy that is not Always, OnFailure
// or Never.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "support/restart_policy_common.hpp"

namespace podlint {
namespace {

class InvalidRestartPolicy final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-restart-policy",
        .severity = Severity::Error,
        .category = "restart-policy",
        .summary = "A pod restartPolicy is not Always, OnFailure or Never",
        .what =
            "Checks the pod-level restartPolicy of Pods and of every pod template: it must be exactly "
            "Always, "
            "OnFailure or Never, with that capitalisation. A near miss gets a suggestion. Whether the value "
            "suits the kind of workload is workload-restart-policy's concern.",
        .why =
            "The API server compares the value case-sensitively and rejects anything else (Unsupported "
            "value), so \"always\" or \"on-failure\" stop the manifest from being applied.",
        .bad =
            "apiVersion: apps/v1\n"
            "kind: Deployment\n"
            "metadata:\n"
            "  name: web\n"
            "spec:\n"
            "  selector:\n"
            "    matchLabels: {app: web}\n"
            "  template:\n"
            "    metadata:\n"
            "      labels: {app: web}\n"
            "    spec:\n"
            "      restartPolicy: always\n"
            "      containers:\n"
            "        - name: web\n"
            "          image: nginx:1.27\n",
        .good =
            "apiVersion: apps/v1\n"
            "kind: Deployment\n"
            "metadata:\n"
            "  name: web\n"
            "spec:\n"
            "  selector:\n"
            "    matchLabels: {app: web}\n"
            "  template:\n"
            "    metadata:\n"
            "      labels: {app: web}\n"
            "    spec:\n"
            "      restartPolicy: Always\n"
            "      containers:\n"
            "        - name: web\n"
            "          image: nginx:1.27\n"
            "          ports:\n"
            "            - containerPort: 8080\n"
            "              name: http\n"
            "          resources:\n"
            "            requests: {cpu: 100m, memory: 64Mi}\n"
            "            limits: {memory: 128Mi}\n"
            "          livenessProbe:\n"
            "            httpGet: {path: /livez, port: http}\n"
            "          readinessProbe:\n"
            "            httpGet: {path: /readyz, port: http}\n",
        .fix =
            "Write one of Always, OnFailure or Never exactly as spelled here, or leave the field out for "
            "Always.",
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    const auto& policy = workload.pod_spec->restart_policy;
    // An empty value is defaulted to Always, like an absent one.
    if (!policy.valid() || policy.value.empty() || rules::is_pod_restart_policy(policy.value)) return;
    reporter.report(
        policy.span(),
        fmt::format("unsupported restartPolicy \"{}\": it must be Always, OnFailure or Never{}", policy.value,
                    rules::restart_policy_suggestion(policy.value, rules::kPodRestartPolicies)));
  }
};

PODLINT_REGISTER_RULE(InvalidRestartPolicy);

}  // namespace
}  // namespace podlint
