// invalid-port-name: a port name that is not an IANA service name.
#include <fmt/ranges.h>

#include <string>
#include <vector>

#include "engine/rule.hpp"
#include "support/ports_common.hpp"

namespace podlint {
namespace {

// What makes `name` fail IANA_SVC_NAME (RFC 6335 as Kubernetes applies it),
// every failed sub-rule; empty when it is valid.
std::vector<std::string> iana_service_name_problems(std::string_view name) {
  std::vector<std::string> problems;
  if (name.size() > 15) problems.push_back(fmt::format("is {} characters long (at most 15)", name.size()));
  bool bad_char = false, letter = false;
  for (char ch : name) {
    if (ch >= 'a' && ch <= 'z')
      letter = true;
    else if (!(ch >= '0' && ch <= '9') && ch != '-')
      bad_char = true;
  }
  if (bad_char) problems.emplace_back("uses characters outside [a-z0-9-]");
  if (!letter) problems.emplace_back("has no lowercase letter");
  if (name.find("--") != std::string_view::npos) problems.emplace_back("contains \"--\"");
  if (!name.empty() && (name.front() == '-' || name.back() == '-'))
    problems.emplace_back("starts or ends with '-'");
  return problems;
}

class InvalidPortName final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-port-name",
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
        // An empty name means an unnamed port.
        if (!port.name.valid() || port.name.value.empty()) continue;
        const std::vector<std::string> problems = iana_service_name_problems(port.name.value);
        if (problems.empty()) continue;
        reporter.report(port.name.span(),
                        fmt::format("port name \"{}\" is not a valid IANA service name: it {}",
                                    port.name.value, fmt::join(problems, ", ")));
      }
    }
  }
};

PODLINT_REGISTER_RULE(InvalidPortName);

}  // namespace
}  // namespace podlint
