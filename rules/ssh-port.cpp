// ssh-port: a container that exposes port 22, the mark of an SSH server
// inside the container.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

class SshPort final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "ssh-port",
        .severity = Severity::Warning,
        .category = Category::Security,
        .consequence = Consequence::Risk,
        .security_severity = 5.0,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    for (const model::Container* container : workload.pod_spec->all_containers()) {
      for (const model::ContainerPort& port : container->ports) {
        const bool tcp = !port.protocol.valid() || port.protocol.value == "TCP";
        if (tcp && port.container_port.valid() && port.container_port.value == 22)
          reporter.report(port.container_port.span(),
                          rules::describe(*container) +
                              " exposes port 22: an SSH server in a container is a way "
                              "in that bypasses kubectl exec and its audit log");
      }
    }
  }
};

PODLINT_REGISTER_RULE(SshPort);

}  // namespace
}  // namespace podlint
