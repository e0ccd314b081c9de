// probe-port-protocol: a probe that reaches a named port the container
// declares for UDP or SCTP only: probes speak TCP (HTTP and gRPC over it).
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"
#include "support/ports_common.hpp"

namespace podlint {
namespace {

class ProbePortProtocol final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "probe-port-protocol",
        .severity = Severity::Error,
        .category = Category::Probes,
        .consequence = Consequence::Fails,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    if (!w.pod_spec) return;
    for (const model::Container* c : w.pod_spec->all_containers()) {
      if (!c->is_long_running()) continue;
      for (const auto& [field, probe] : rules::probes_of(*c)) {
        for (const model::Handler& handler : probe->handlers) {
          if (!handler.port.valid() || handler.port.value.is_int) continue;
          const std::string_view name = handler.port.value.text;
          bool tcp = false;
          std::string_view other;
          for (const model::ContainerPort& port : c->ports) {
            if (!port.name.valid() || port.name.value != name) continue;
            const std::string_view protocol = rules::protocol_of(port);
            if (protocol == "TCP") tcp = true;
            if (protocol == "UDP" || protocol == "SCTP") other = protocol;
          }
          if (tcp || other.empty()) continue;
          reporter.report(
              handler.port.span(),
              fmt::format("the {} of {} probes port \"{}\" over TCP, but the container declares it for "
                          "{}: the probe will fail and {}",
                          field, rules::describe(*c), name, other,
                          field == "readinessProbe" ? "the pod never becomes ready"
                                                    : "the container is restarted over and over"));
        }
      }
    }
  }
};

PODLINT_REGISTER_RULE(ProbePortProtocol);

}  // namespace
}  // namespace podlint
