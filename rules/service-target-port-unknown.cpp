// service-target-port-unknown: a Service's named targetPort that the pods it
// selects do not declare: those pods get none of its traffic.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "model/objects.hpp"
#include "model/selector.hpp"
#include "support/run_objects.hpp"

namespace podlint {
namespace {

class ServiceTargetPortUnknown final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "service-target-port-unknown",
        .severity = Severity::Error,
        .category = Category::References,
        .consequence = Consequence::Fails,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    if (w.kind.value != "Service" || w.api_version.value != "v1" || !w.selector) return;
    const model::LabelSelector selector = model::read_map_selector(*w.selector);
    if (selector.empty()) return;
    const auto targets = rules::selected(rules::pod_makers(reporter.index(), w.namespace_.value), selector);
    if (targets.empty()) return;  // service-selects-nothing's
    for (const model::ServicePort& port : model::read_service(w).ports) {
      if (!port.target_port.valid() || port.target_port.value.is_int) continue;
      const std::string_view name = port.target_port.value.text;
      if (name.empty() || name.find_first_not_of("0123456789") == std::string_view::npos) continue;
      const std::string_view protocol = port.protocol.valid() && !port.protocol.value.empty()
                                            ? port.protocol.value
                                            : std::string_view("TCP");
      for (const IndexedObject* target : targets) {
        std::string declared;
        bool found = false;
        for (const IndexedPort& p : target->ports) {
          found |= p.name == name && p.protocol == protocol;
          if (!p.name.empty()) declared += fmt::format("{}\"{}\"", declared.empty() ? "" : ", ", p.name);
        }
        if (found) continue;
        reporter.report(
            port.target_port.span(),
            fmt::format("targetPort \"{}\" ({}) is no port of the pods of {}, which {}: the Service "
                        "sends them none of this port's traffic",
                        name, protocol, rules::describe_indexed(*target, reporter.input()),
                        declared.empty() ? "name no ports" : "name " + declared));
      }
    }
  }
};

PODLINT_REGISTER_RULE(ServiceTargetPortUnknown);

}  // namespace
}  // namespace podlint
