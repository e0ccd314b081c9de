// pss-host-process: the Pod Security Standards' "HostProcess" control
// (baseline): no Windows HostProcess container, at pod or container level.
#include "support/pod_helpers.hpp"
#include "support/pod_security.hpp"

namespace podlint {
namespace {

class PssHostProcess final : public rules::ControlRule {
 public:
  PssHostProcess() : ControlRule("pss-host-process", 9.0, {.level = PodSecurityLevel::Baseline}) {}

 private:
  std::vector<rules::Violation> check(const rules::PodUnderReview& pod) const override {
    std::vector<rules::Violation> out;
    const auto judge = [&](const model::SecurityContext* context, const std::string& who) {
      if (context && context->windows_host_process.valid() && context->windows_host_process.value)
        out.push_back({context->windows_host_process.span(), who + " runs as a Windows HostProcess"});
    };
    judge(rules::pod_context(pod.spec), "the pod");
    for (const auto& [container, context] : rules::containers_with_context(pod.spec))
      judge(context, rules::describe(*container));
    return out;
  }
};

PODLINT_REGISTER_RULE(PssHostProcess);

}  // namespace
}  // namespace podlint
