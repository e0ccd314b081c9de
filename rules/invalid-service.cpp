// invalid-service: a Service's ports as the API server validates them: port
// numbers, names (required when there are several, DNS labels, unique), the
// same port and protocol twice, a targetPort that is no port.
#include <fmt/format.h>

#include <algorithm>

#include "engine/rule.hpp"
#include "model/objects.hpp"
#include "schema/formats.hpp"

namespace podlint {
namespace {

class InvalidService final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-service",
        .severity = Severity::Error,
        .category = Category::Ports,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    if (w.kind.value != "Service" || w.api_version.value != "v1") return;
    const model::Service service = model::read_service(w);
    const auto& ports = service.ports;
    for (size_t k = 0; k < ports.size(); ++k) {
      const model::ServicePort& p = ports[k];
      const std::string what = p.name.valid() && !p.name.value.empty()
                                   ? fmt::format("port \"{}\"", p.name.value)
                                   : fmt::format("ports[{}]", k);
      if (p.port.valid() && (p.port.value < 1 || p.port.value > 65535))
        reporter.report(p.port.span(), fmt::format("{} of the Service is {}: a port is between 1 and 65535",
                                                   what, p.port.value));
      const bool named = p.name.valid() && !p.name.value.empty();
      if (!named && ports.size() > 1)
        reporter.report(p.node->span,
                        fmt::format("{} of the Service has no name: a Service with several ports must "
                                    "name each",
                                    what));
      if (named && !schema::matches_format(schema::Format::Dns1123Label, p.name.value))
        reporter.report(
            p.name.span(),
            fmt::format("port name \"{}\" of the Service must be a DNS-1123 label: it {}", p.name.value,
                        schema::describe_format_problems(schema::Format::Dns1123Label, p.name.value)));
      if (p.target_port.valid()) check_target(p, what, reporter);
      for (size_t j = 0; j < k; ++j) {
        if (named && ports[j].name.valid() && ports[j].name.value == p.name.value) {
          reporter.report(p.name.span(),
                          fmt::format("port name \"{}\" is used twice in the Service", p.name.value));
          break;
        }
        if (p.port.valid() && ports[j].port.valid() && p.port.value == ports[j].port.value &&
            protocol(p) == protocol(ports[j])) {
          reporter.report(p.port.span(), fmt::format("{} of the Service repeats port {}/{}", what,
                                                     p.port.value, protocol(p)));
          break;
        }
      }
    }
  }

 private:
  static std::string_view protocol(const model::ServicePort& p) {
    return p.protocol.valid() && !p.protocol.value.empty() ? p.protocol.value : std::string_view("TCP");
  }

  static void check_target(const model::ServicePort& p, const std::string& what, Reporter& reporter) {
    const model::IntOrString& target = p.target_port.value;
    if (target.is_int) {
      if (target.number < 1 || target.number > 65535)
        reporter.report(
            p.target_port.span(),
            fmt::format("the targetPort of {} is {}: a port is between 1 and 65535", what, target.number));
    } else if (!target.text.empty() &&
               !schema::matches_format(schema::Format::IanaServiceName, target.text)) {
      const bool digits = target.text.find_first_not_of("0123456789") == std::string_view::npos;
      reporter.report(
          p.target_port.span(),
          digits
              ? fmt::format("the targetPort of {} is the string \"{}\", which the API reads as a port "
                            "name: write the number without quotes",
                            what, target.text)
              : fmt::format("the targetPort \"{}\" of {} is not a valid port name: it {}", target.text, what,
                            schema::describe_format_problems(schema::Format::IanaServiceName, target.text)));
    }
  }
};

PODLINT_REGISTER_RULE(InvalidService);

}  // namespace
}  // namespace podlint
