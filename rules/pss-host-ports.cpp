// pss-host-ports: the Pod Security Standards' "Host Ports" control
// (baseline): no container port bound to a port of the node.
#include <fmt/format.h>

#include "support/pod_helpers.hpp"
#include "support/pod_security.hpp"

namespace podlint {
namespace {

class PssHostPorts final : public rules::ControlRule {
 public:
  PssHostPorts() : ControlRule("pss-host-ports", 6.5, {.level = PodSecurityLevel::Baseline}) {}

 private:
  std::vector<rules::Violation> check(const rules::PodUnderReview& pod) const override {
    std::vector<rules::Violation> out;
    // On a Pod (not a template) on the host network, the API server sets
    // each unset hostPort to its containerPort before admission sees it.
    const bool defaulted = pod.is_pod() && pod.spec.host_network.valid() && pod.spec.host_network.value;
    for (const model::Container* container : pod.spec.all_containers()) {
      for (const model::ContainerPort& port : container->ports) {
        if (port.host_port.valid() && port.host_port.value != 0) {
          out.push_back(
              {port.host_port.span(), fmt::format("{} binds node port {} (hostPort)",
                                                  rules::describe(*container), port.host_port.value)});
        } else if (defaulted && container->kind != model::ContainerKind::Ephemeral &&
                   port.container_port.valid() && port.container_port.value != 0) {
          out.push_back(
              {port.container_port.span(),
               fmt::format("{} binds node port {}: on the host network the hostPort defaults to the "
                           "containerPort",
                           rules::describe(*container), port.container_port.value)});
        }
      }
    }
    return out;
  }
};

PODLINT_REGISTER_RULE(PssHostPorts);

}  // namespace
}  // namespace podlint
