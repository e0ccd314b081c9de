// host-network-port-mismatch: with hostNetwork, a hostPort that differs from
// its containerPort.
#include <fmt/format.h>

#include "engine/rule.hpp"

namespace podlint {
namespace {

class HostNetworkPortMismatch final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "host-network-port-mismatch",
        .severity = Severity::Error,
        .category = "ports",
        .summary = "With hostNetwork, a hostPort differs from its containerPort",
        .what =
            "When the pod sets hostNetwork: true, reports every port of a regular container whose hostPort "
            "is set (not 0) and differs from its containerPort. A hostPort of 0 or none is fine: the API "
            "fills it in with the containerPort.",
        .why =
            "A pod on the host network listens directly on the node's interfaces: there is no translation "
            "from one port to another, so the two numbers must agree. The API server rejects the pod "
            "(hostPort must match containerPort when hostNetwork is true).",
        .bad =
            "apiVersion: v1\n"
            "kind: Pod\n"
            "metadata:\n"
            "  name: node-agent\n"
            "spec:\n"
            "  hostNetwork: true\n"
            "  containers:\n"
            "    - name: agent\n"
            "      image: example.com/node-agent:1.8\n"
            "      ports:\n"
            "        - containerPort: 9100\n"
            "          hostPort: 19100\n",
        .good =
            "apiVersion: v1\n"
            "kind: Pod\n"
            "metadata:\n"
            "  name: node-agent\n"
            "spec:\n"
            "  hostNetwork: true\n"
            "  containers:\n"
            "    - name: agent\n"
            "      image: example.com/node-agent:1.8\n"
            "      ports:\n"
            "        - containerPort: 9100\n"
            "          hostPort: 9100\n"
            "          name: metrics\n"
            "      resources:\n"
            "        requests: {cpu: 100m, memory: 64Mi}\n"
            "        limits: {memory: 128Mi}\n"
            "      livenessProbe:\n"
            "        httpGet: {path: /livez, port: metrics}\n"
            "      readinessProbe:\n"
            "        httpGet: {path: /readyz, port: metrics}\n",
        .fix =
            "Set hostPort to the containerPort (or leave it out), and make the process listen on the port "
            "you want on the node.",
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    const model::PodSpec& spec = *workload.pod_spec;
    if (!spec.host_network.valid() || !spec.host_network.value) return;
    // The API checks the regular containers only.
    for (const model::Container& container : spec.containers) {
      for (const model::ContainerPort& port : container.ports) {
        if (!port.host_port.valid() || port.host_port.value == 0 || !port.container_port.valid() ||
            port.host_port.value == port.container_port.value)
          continue;
        Diagnostic& d =
            reporter.report(port.host_port.span(),
                            fmt::format("hostPort {} must equal containerPort {} when hostNetwork is true",
                                        port.host_port.value, port.container_port.value));
        d.related.push_back({port.container_port.span(), "the containerPort"});
        d.related.push_back({spec.host_network.span(), "hostNetwork is set here"});
      }
    }
  }
};

PODLINT_REGISTER_RULE(HostNetworkPortMismatch);

}  // namespace
}  // namespace podlint
