// duplicate-port-name: one container names two of its ports alike.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

class DuplicatePortName final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "duplicate-port-name",
        .severity = Severity::Error,
        .category = Category::Ports,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    for (const model::Container* container : workload.pod_spec->all_containers()) {
      const auto& ports = container->ports;
      for (size_t k = 0; k < ports.size(); ++k) {
        const auto& name = ports[k].name;
        if (!name.valid() || name.value.empty()) continue;  // empty means unnamed
        for (size_t j = 0; j < k; ++j) {
          if (!ports[j].name.valid() || ports[j].name.value != name.value) continue;
          Diagnostic& d = reporter.report(
              name.span(), fmt::format("port name \"{}\" is already used by another port of {}", name.value,
                                       rules::describe(*container)));
          d.related.push_back({ports[j].name.span(), "first used here"});
          break;
        }
      }
    }
  }
};

PODLINT_REGISTER_RULE(DuplicatePortName);

}  // namespace
}  // namespace podlint
