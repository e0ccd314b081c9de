// service-target-port-unknown: a Service's named targetPort that the pods it
// selects do not declare: those pods get none of its traffic.
#include <fmt/format.h>

#include <algorithm>

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
    const auto targets =
        rules::serving_pods(rules::selected_pod_makers(reporter.index(), w.namespace_.value, selector));
    if (targets.empty()) return;  // service-selects-nothing's
    for (const model::ServicePort& port : model::read_service(w).ports) {
      if (!port.target_port.valid() || port.target_port.value.is_int) continue;
      const std::string_view name = port.target_port.value.text;
      if (name.empty() || name.find_first_not_of("0123456789") == std::string_view::npos) continue;
      const std::string_view protocol = port.protocol.valid() && !port.protocol.value.empty()
                                            ? port.protocol.value
                                            : std::string_view("TCP");
      const auto declares = [&](const IndexedObject* target) {
        return std::any_of(target->ports.begin(), target->ports.end(),
                           [&](const IndexedPort& p) { return p.name == name && p.protocol == protocol; });
      };
      // When some selected pods declare it, the Service works through them:
      // the others are left out of this port, likely by mistake (a warning).
      const bool served = std::any_of(targets.begin(), targets.end(), declares);
      for (const IndexedObject* target : targets) {
        if (declares(target)) continue;
        std::string declared;
        for (const IndexedPort& p : target->ports)
          if (!p.name.empty()) declared += fmt::format("{}\"{}\"", declared.empty() ? "" : ", ", p.name);
        Diagnostic& d = reporter.report(
            port.target_port.span(),
            fmt::format("targetPort \"{}\" ({}) is no port of the pods of {}, which {}: the Service "
                        "sends them none of this port's traffic{}",
                        name, protocol, rules::describe_indexed(*target, reporter.input()),
                        declared.empty() ? "name no ports" : "name " + declared,
                        served ? " (other pods it selects declare it)" : ""));
        if (served && !reporter.severity_configured()) d.severity = Severity::Warning;
      }
    }
  }
};

PODLINT_REGISTER_RULE(ServiceTargetPortUnknown);

}  // namespace
}  // namespace podlint
