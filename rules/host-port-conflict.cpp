// host-port-conflict: the same hostPort, protocol and hostIP twice among the
// regular containers of a pod (or within one init container).
#include <fmt/format.h>

#include <vector>

#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"
#include "support/ports_common.hpp"

namespace podlint {
namespace {

struct HostPort {
  const model::Container* container;
  const model::ContainerPort* port;
  std::string_view protocol;
  std::string_view host_ip;
};

class HostPortConflict final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "host-port-conflict",
        .severity = Severity::Error,
        .category = Category::Ports,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    std::vector<HostPort> regular;
    for (const model::Container& container : workload.pod_spec->containers)
      collect(container, regular);
    check_group(regular, reporter);
    for (const model::Container& container : workload.pod_spec->init_containers) {
      std::vector<HostPort> own;
      collect(container, own);
      check_group(own, reporter);
    }
  }

 private:
  static void collect(const model::Container& container, std::vector<HostPort>& out) {
    for (const model::ContainerPort& port : container.ports) {
      if (!port.host_port.valid() || port.host_port.value == 0) continue;
      const std::string_view protocol = rules::protocol_of(port);
      if (protocol.empty() || (port.host_ip.present() && !port.host_ip.valid())) continue;
      out.push_back({&container, &port, protocol, port.host_ip.valid() ? port.host_ip.value : ""});
    }
  }

  static void check_group(const std::vector<HostPort>& ports, Reporter& reporter) {
    for (size_t k = 0; k < ports.size(); ++k) {
      const HostPort& later = ports[k];
      for (size_t j = 0; j < k; ++j) {
        const HostPort& earlier = ports[j];
        if (earlier.port->host_port.value != later.port->host_port.value ||
            earlier.protocol != later.protocol || earlier.host_ip != later.host_ip)
          continue;
        const std::string where = later.host_ip.empty()
                                      ? fmt::format("{}", later.port->host_port.value)
                                      : fmt::format("{}:{}", later.host_ip, later.port->host_port.value);
        const std::string who = rules::describe(*earlier.container);
        const std::string message =
            earlier.container == later.container
                ? fmt::format("host port {}/{} is declared twice in {}", where, later.protocol, who)
                : fmt::format("host port {}/{} is already declared by {}", where, later.protocol, who);
        Diagnostic& d = reporter.report(later.port->host_port.span(), message);
        d.related.push_back({earlier.port->host_port.span(), "first declared here"});
        break;
      }
    }
  }
};

PODLINT_REGISTER_RULE(HostPortConflict);

}  // namespace
}  // namespace podlint
