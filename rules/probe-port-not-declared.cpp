// probe-port-not-declared: a probe's named port must be one the container declares.
#include <algorithm>

#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

class ProbePortNotDeclared final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "probe-port-not-declared",
        .severity = Severity::Error,
        .category = Category::Probes,
        .consequence = Consequence::Fails,
        .needs_whole_object = true,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    for (const model::Container* c : workload.pod_spec->all_containers()) {
      // Probes on plain init and ephemeral containers are forbidden outright.
      if (!c->is_long_running()) continue;
      std::vector<std::string_view> names;
      for (const model::ContainerPort& port : c->ports) {
        if (port.name.valid()) names.push_back(port.name.value);
      }
      for (const auto& [field, probe] : rules::probes_of(*c)) {
        for (const model::Handler& handler : probe->handlers) {
          if (!handler.port.valid() || handler.port.value.is_int) continue;
          const std::string_view name = handler.port.value.text;
          if (std::find(names.begin(), names.end(), name) != names.end()) continue;
          const std::string what = std::string(field) + " port \"" + std::string(name) + "\"";
          if (!name.empty() && name.find_first_not_of("0123456789") == std::string_view::npos) {
            reporter.report(handler.port.span(), what +
                                                     " is a quoted number, which the API reads as a port "
                                                     "name (write it without quotes)");
            continue;
          }
          std::string declared;
          for (std::string_view n : names)
            declared += (declared.empty() ? "\"" : ", \"") + std::string(n) + "\"";
          reporter.report(handler.port.span(), what + " is not declared by " + rules::describe(*c) +
                                                   (declared.empty() ? " (it names no ports)"
                                                                     : " (it declares " + declared + ")"));
        }
      }
    }
  }
};

PODLINT_REGISTER_RULE(ProbePortNotDeclared);

}  // namespace
}  // namespace podlint
