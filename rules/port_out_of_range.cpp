// port-out-of-range: a containerPort outside 1-65535 or a hostPort outside
// 0-65535.
#include <fmt/format.h>

#include "engine/rule.hpp"

namespace podlint {
namespace {

class PortOutOfRange final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "port-out-of-range",
        .severity = Severity::Error,
        .category = "ports",
        .summary = "A port number is outside the range a port can have",
        .what =
            "Reports a containerPort that is not between 1 and 65535, and a hostPort that is not between 0 "
            "and 65535 (hostPort 0 means no host port). Values that are not integers are left to the schema "
            "rules.",
        .why =
            "TCP, UDP and SCTP ports are 16-bit numbers and port 0 cannot be listened on; the API server "
            "rejects the pod. An out-of-range number is usually a typo (an extra digit) or a value pasted "
            "from somewhere else.",
        .bad =
            "apiVersion: v1\n"
            "kind: Pod\n"
            "metadata:\n"
            "  name: api\n"
            "spec:\n"
            "  containers:\n"
            "    - name: api\n"
            "      image: example.com/api:3.4\n"
            "      ports:\n"
            "        - containerPort: 80800\n",
        .good =
            "apiVersion: v1\n"
            "kind: Pod\n"
            "metadata:\n"
            "  name: api\n"
            "spec:\n"
            "  containers:\n"
            "    - name: api\n"
            "      image: example.com/api:3.4\n"
            "      ports:\n"
            "        - containerPort: 8080\n"
            "          name: http\n"
            "      resources:\n"
            "        requests: {cpu: 100m, memory: 64Mi}\n"
            "        limits: {memory: 128Mi}\n"
            "      livenessProbe:\n"
            "        httpGet: {path: /livez, port: http}\n"
            "      readinessProbe:\n"
            "        httpGet: {path: /readyz, port: http}\n",
        .fix = "Use the port the process really listens on, a number from 1 to 65535.",
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    for (const model::Container* container : workload.pod_spec->all_containers()) {
      for (const model::ContainerPort& port : container->ports) {
        const auto& number = port.container_port;
        if (number.valid() && (number.value < 1 || number.value > 65535))
          reporter.report(
              number.span(),
              fmt::format("containerPort {} is out of range: it must be between 1 and 65535", number.value));
        const auto& host = port.host_port;
        if (host.valid() && (host.value < 0 || host.value > 65535))
          reporter.report(host.span(),
                          fmt::format("hostPort {} is out of range: it must be between 1 and 65535, "
                                      "or 0 for no host port",
                                      host.value));
      }
    }
  }
};

PODLINT_REGISTER_RULE(PortOutOfRange);

}  // namespace
}  // namespace podlint
