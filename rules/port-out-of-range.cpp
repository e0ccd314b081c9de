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
        .category = Category::Ports,
        .consequence = Consequence::Rejected,
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
