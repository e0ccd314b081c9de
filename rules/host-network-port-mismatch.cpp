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
        .category = Category::Ports,
        .consequence = Consequence::Rejected,
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
