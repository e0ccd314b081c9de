// container-restart-policy: a container-level restartPolicy where the API does
// not accept it.
#include <fmt/format.h>

#include <array>

#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"
#include "support/restart_policy_common.hpp"

namespace podlint {
namespace {

constexpr std::array<RuleOption, 1> kOptions = {{
    {"container-restart-rules", "false",
     "Set true for a cluster with the ContainerRestartRules feature gate on (alpha in Kubernetes 1.34, "
     "off by default): a standalone Pod's containers and init containers may then set restartPolicy to "
     "Always, OnFailure or Never."},
}};

class ContainerRestartPolicy final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "container-restart-policy",
        .severity = Severity::Error,
        .category = "restart-policy",
        .summary = "A container sets a restartPolicy the API does not accept there",
        .what =
            "Checks containers[].restartPolicy, initContainers[].restartPolicy and "
            "ephemeralContainers[].restartPolicy. Ephemeral containers may never set it. In a pod template "
            "(Deployment, Job and the other controllers) only init containers may, and only with Always, "
            "which makes them sidecars. The same holds for a standalone Pod, unless the option "
            "container-restart-rules says the cluster has the ContainerRestartRules feature gate on: then a "
            "Pod's regular and init containers may set Always, OnFailure or Never.",
        .why =
            "The API server rejects the pod or workload (Forbidden, or Unsupported value). A restartPolicy "
            "copied from the pod level onto a container, or \"Never\" on an init container meant to be a "
            "sidecar, is an easy mistake whose effect differs a lot between cluster versions.",
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
            "      containers:\n"
            "        - name: web\n"
            "          image: nginx:1.27\n"
            "          restartPolicy: Always\n",
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
            "Set the restart policy at the pod level (spec.restartPolicy) instead. To run a helper beside "
            "the main container, declare it under initContainers with restartPolicy: Always.",
        .options = kOptions,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    // Per-container restart rules are limited to standalone Pods.
    const bool per_container_rules = reporter.option("container-restart-rules") == "true" &&
                                     workload.kind.valid() && workload.kind.value == "Pod";
    for (const model::Container* container : workload.pod_spec->all_containers()) {
      const auto& policy = container->restart_policy;
      if (!policy.valid()) continue;  // absent, or a type error for the schema rules
      const std::string who = rules::describe(*container);
      const std::string_view value = policy.value;
      switch (container->kind) {
        case model::ContainerKind::Ephemeral:
          reporter.report(policy.span(),
                          fmt::format("{}: restartPolicy may not be set on an ephemeral container", who));
          break;
        case model::ContainerKind::Regular:
          if (per_container_rules) {
            if (!rules::is_pod_restart_policy(value)) report_unsupported(reporter, policy, who);
          } else if (reporter.option("container-restart-rules") == "true") {
            reporter.report(policy.span(),
                            fmt::format("{}: a container's own restartPolicy is only allowed in a "
                                        "standalone Pod, not in a {}",
                                        who, workload.kind.value));
          } else {
            reporter.report(policy.span(),
                            fmt::format("{}: restartPolicy may only be set on init containers (Always makes "
                                        "a sidecar)",
                                        who));
          }
          break;
        case model::ContainerKind::Init:
          if (per_container_rules) {
            if (!rules::is_pod_restart_policy(value)) report_unsupported(reporter, policy, who);
          } else if (value != "Always") {
            static constexpr std::string_view kSidecar[] = {"Always"};
            reporter.report(policy.span(),
                            fmt::format("{}: restartPolicy must be Always (a sidecar) or unset, not \"{}\"{}",
                                        who, value, rules::restart_policy_suggestion(value, kSidecar)));
          }
          break;
      }
    }
  }

 private:
  static void report_unsupported(Reporter& reporter, const model::Field<std::string_view>& policy,
                                 const std::string& who) {
    reporter.report(
        policy.span(),
        fmt::format("{}: unsupported restartPolicy \"{}\": it must be Always, OnFailure or Never{}", who,
                    policy.value,
                    rules::restart_policy_suggestion(policy.value, rules::kPodRestartPolicies)));
  }
};

PODLINT_REGISTER_RULE(ContainerRestartPolicy);

}  // namespace
}  // namespace podlint
