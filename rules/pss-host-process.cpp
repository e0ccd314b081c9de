// pss-host-process: the Pod Security Standards' "HostProcess" control
// (baseline): no Windows HostProcess container, at pod or container level.
#include "support/pod_helpers.hpp"
#include "support/pod_security.hpp"

namespace podlint {
namespace {

class PssHostProcess final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "pss-host-process",
        .severity = Severity::Warning,
        .category = Category::Security,
        .consequence = Consequence::Rejected,
        .security_severity = 9.0,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    rules::check_control(
        workload, reporter, {.level = PodSecurityLevel::Baseline}, [](const rules::PodUnderReview& pod) {
          std::vector<rules::Violation> out;
          const auto check = [&](const model::SecurityContext* context, const std::string& who) {
            if (context && context->windows_host_process.valid() && context->windows_host_process.value)
              out.push_back({context->windows_host_process.span(), who + " runs as a Windows HostProcess"});
          };
          check(rules::pod_context(pod.spec), "the pod");
          for (const auto& [container, context] : rules::containers_with_context(pod.spec))
            check(context, rules::describe(*container));
          return out;
        });
  }
};

PODLINT_REGISTER_RULE(PssHostProcess);

}  // namespace
}  // namespace podlint
