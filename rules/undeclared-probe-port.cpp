// undeclared-probe-port: a probe on a port number no container of the pod
// declares, while the pod declares others: often a port that changed.
#include <fmt/format.h>

#include <algorithm>

#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

class UndeclaredProbePort final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "undeclared-probe-port",
        .severity = Severity::Info,
        .category = Category::Probes,
        .consequence = Consequence::Risk,
        .needs_whole_object = true,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    if (!w.pod_spec) return;
    std::vector<int64_t> declared;
    for (const model::Container* c : w.pod_spec->all_containers())
      for (const model::ContainerPort& port : c->ports)
        if (port.container_port.valid()) declared.push_back(port.container_port.value);
    if (declared.empty()) return;  // a pod that declares no ports says nothing by it
    std::string list;
    for (int64_t n : declared)
      if (list.find(fmt::format(" {},", n)) == std::string::npos) list += fmt::format(" {},", n);
    list = list.substr(1, list.size() - 2);
    for (const model::Container* c : w.pod_spec->all_containers()) {
      if (!c->is_long_running()) continue;
      for (const auto& [field, probe] : rules::probes_of(*c)) {
        for (const model::Handler& handler : probe->handlers) {
          const bool numbered = handler.port.valid() && handler.port.value.is_int;
          const model::Field<int64_t> port = numbered
                                                 ? model::Field<int64_t>{handler.port.key, handler.port.node,
                                                                         handler.port.value.number, true}
                                                 : handler.grpc_port;
          if (!port.valid() || std::find(declared.begin(), declared.end(), port.value) != declared.end())
            continue;
          reporter.report(port.span(),
                          fmt::format("the {} of {} probes port {}, which no container of the pod "
                                      "declares (they declare {}): is it the right port?",
                                      field, rules::describe(*c), port.value, list));
        }
      }
    }
  }
};

PODLINT_REGISTER_RULE(UndeclaredProbePort);

}  // namespace
}  // namespace podlint
