// invalid-restart-policy: a pod restartPolicy that is not Always, OnFailure
// or Never.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "support/restart_policy_common.hpp"
#include "text/suggest.hpp"

namespace podlint {
namespace {

class InvalidRestartPolicy final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-restart-policy",
        .severity = Severity::Error,
        .category = Category::RestartPolicy,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    const auto& policy = workload.pod_spec->restart_policy;
    // An empty value is defaulted to Always, like an absent one.
    if (!policy.valid() || policy.value.empty() || rules::is_pod_restart_policy(policy.value)) return;
    const text::Guess guess = text::guess(policy.value, rules::kPodRestartPolicies);
    Diagnostic& d = reporter.report(
        policy.span(),
        fmt::format("unsupported restartPolicy \"{}\": it must be Always, OnFailure or Never{}", policy.value,
                    text::did_you_mean(guess.word)));
    // The value meant, if the workload's kind accepts it; else one it does.
    d.fixes = rules::restart_policy_fixes(workload, reporter.source(), guess);
  }
};

PODLINT_REGISTER_RULE(InvalidRestartPolicy);

}  // namespace
}  // namespace podlint
