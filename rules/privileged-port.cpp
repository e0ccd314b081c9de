// privileged-port: a container port below 1024, which only root or
// NET_BIND_SERVICE may bind.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

class PrivilegedPort final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "privileged-port",
        .severity = Severity::Info,
        .category = Category::Security,
        .consequence = Consequence::Risk,
        .security_severity = 3.0,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    for (const model::Container* container : workload.pod_spec->all_containers()) {
      for (const model::ContainerPort& port : container->ports) {
        if (!port.container_port.valid()) continue;
        const int64_t number = port.container_port.value;
        // 22 is ssh-port's; 0 and negative numbers are port-out-of-range's.
        if (number <= 0 || number >= 1024 || number == 22) continue;
        reporter.report(
            port.container_port.span(),
            fmt::format("{} listens on privileged port {}: binding it needs root or NET_BIND_SERVICE",
                        rules::describe(*container), number));
      }
    }
  }
};

PODLINT_REGISTER_RULE(PrivilegedPort);

}  // namespace
}  // namespace podlint
