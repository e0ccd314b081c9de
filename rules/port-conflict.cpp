// port-conflict: two containers running side by side (or one container twice)
// declare the same containerPort and protocol.
#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"
#include "support/ports_common.hpp"

namespace podlint {
namespace {

struct DeclaredPort {
  const model::Container* container;
  const model::ContainerPort* port;
  std::string_view protocol;
  int64_t host_port;
};

class PortConflict final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "port-conflict",
        .severity = Severity::Error,
        .category = Category::Ports,
        .consequence = Consequence::Fails,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    std::vector<DeclaredPort> ports;
    for (const auto* list : {&workload.pod_spec->init_containers, &workload.pod_spec->containers}) {
      for (const model::Container& container : *list) {
        for (const model::ContainerPort& port : container.ports) {
          const auto& number = port.container_port;
          // Out-of-range and mistyped ports are other rules' findings.
          if (!number.valid() || number.value < 1 || number.value > 65535) continue;
          const std::string_view protocol = rules::protocol_of(port);
          if (protocol.empty()) continue;
          const int64_t host_port = port.host_port.valid() ? port.host_port.value : 0;
          ports.push_back({&container, &port, protocol, host_port});
        }
      }
    }
    // "Later" means later in the file, whatever the order of the lists. The
    // key is where the port is written even when its value is an alias.
    std::stable_sort(ports.begin(), ports.end(), [](const DeclaredPort& a, const DeclaredPort& b) {
      return a.port->container_port.key_span().begin.offset < b.port->container_port.key_span().begin.offset;
    });
    for (size_t k = 0; k < ports.size(); ++k) {
      const DeclaredPort& later = ports[k];
      for (size_t j = 0; j < k; ++j) {
        const DeclaredPort& earlier = ports[j];
        if (earlier.port->container_port.value != later.port->container_port.value ||
            earlier.protocol != later.protocol)
          continue;
        // One port published on two host ports is a deliberate mapping.
        if (earlier.host_port != 0 && later.host_port != 0 && earlier.host_port != later.host_port) continue;
        const bool same_container = earlier.container == later.container;
        if (!same_container && !rules::run_side_by_side(*earlier.container, *later.container)) continue;
        const std::string port_text =
            fmt::format("port {}/{}", later.port->container_port.value, later.protocol);
        const std::string who = rules::describe(*earlier.container);
        Diagnostic& d =
            reporter.report(later.port->container_port.span(),
                            same_container ? fmt::format("{} is declared twice in {}", port_text, who)
                                           : fmt::format("{} is already declared by {}", port_text, who));
        d.related.push_back({earlier.port->container_port.span(), "first declared here"});
        break;
      }
    }
  }
};

PODLINT_REGISTER_RULE(PortConflict);

}  // namespace
}  // namespace podlint
