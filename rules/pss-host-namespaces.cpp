// pss-host-namespaces: the Pod Security Standards' "Host Namespaces" control
// (baseline): no hostNetwork, hostPID or hostIPC.
#include <fmt/format.h>

#include "support/pod_security.hpp"

namespace podlint {
namespace {

class PssHostNamespaces final : public rules::ControlRule {
 public:
  PssHostNamespaces() : ControlRule("pss-host-namespaces", 8.5, {.level = PodSecurityLevel::Baseline}) {}

 private:
  std::vector<rules::Violation> check(const rules::PodUnderReview& pod) const override {
    std::vector<rules::Violation> out;
    const std::pair<std::string_view, const model::Field<bool>*> fields[] = {
        {"network", &pod.spec.host_network}, {"PID", &pod.spec.host_pid}, {"IPC", &pod.spec.host_ipc}};
    for (const auto& [what, field] : fields) {
      if (field->valid() && field->value)
        out.push_back({field->span(), fmt::format("the pod shares the node's {} namespace", what)});
    }
    return out;
  }
};

PODLINT_REGISTER_RULE(PssHostNamespaces);

}  // namespace
}  // namespace podlint
