// container-restart-policy: a container-level restartPolicy where the API does
// not accept it.
#include <fmt/format.h>

#include <array>

#include "engine/rule.hpp"
#include "support/guess_fix.hpp"
#include "support/pod_helpers.hpp"
#include "support/restart_policy_common.hpp"
#include "text/suggest.hpp"

namespace podlint {
namespace {

const BoolOption kContainerRestartRules{"container-restart-rules", false};
constexpr std::array<const OptionSpec*, 1> kOptions{&kContainerRestartRules};

class ContainerRestartPolicy final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "container-restart-policy",
        .severity = Severity::Error,
        .category = Category::RestartPolicy,
        .consequence = Consequence::Rejected,
        .options = kOptions,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    // Per-container restart rules are limited to standalone Pods.
    const bool gate_on = reporter.option(kContainerRestartRules);
    const bool per_container_rules = gate_on && workload.kind.valid() && workload.kind.value == "Pod";
    for (const model::Container* container : workload.pod_spec->all_containers()) {
      const auto& policy = container->restart_policy;
      if (!policy.valid()) continue;  // absent, or a type error for the schema rules
      const std::string who = rules::describe(*container);
      const std::string_view value = policy.value;
      switch (container->kind) {
        case model::ContainerKind::Ephemeral:
          reporter.report(policy.span(),
                          fmt::format("{}: restartPolicy may not be set on an ephemeral container", who));
          break;
        case model::ContainerKind::Regular:
          if (per_container_rules) {
            if (!rules::is_pod_restart_policy(value)) report_unsupported(reporter, policy, who);
          } else if (gate_on) {
            reporter.report(policy.span(),
                            fmt::format("{}: a container's own restartPolicy is only allowed in a "
                                        "standalone Pod, not in a {}",
                                        who, workload.kind.value));
          } else {
            reporter.report(policy.span(),
                            fmt::format("{}: restartPolicy may only be set on init containers (Always makes "
                                        "a sidecar)",
                                        who));
          }
          break;
        case model::ContainerKind::Init:
          if (per_container_rules) {
            if (!rules::is_pod_restart_policy(value)) report_unsupported(reporter, policy, who);
          } else if (value != "Always") {
            static constexpr std::string_view kSidecar[] = {"Always"};
            const text::Guess guess = text::guess(value, kSidecar);
            Diagnostic& d = reporter.report(
                policy.span(),
                fmt::format("{}: restartPolicy must be Always (a sidecar) or unset, not \"{}\"{}", who, value,
                            text::did_you_mean(guess.word)));
            offer_guess(d, reporter, policy, guess);
          }
          break;
      }
    }
  }

 private:
  static void report_unsupported(Reporter& reporter, const model::Field<std::string_view>& policy,
                                 const std::string& who) {
    const text::Guess guess = text::guess(policy.value, rules::kPodRestartPolicies);
    Diagnostic& d = reporter.report(
        policy.span(),
        fmt::format("{}: unsupported restartPolicy \"{}\": it must be Always, OnFailure or Never{}", who,
                    policy.value, text::did_you_mean(guess.word)));
    offer_guess(d, reporter, policy, guess);
  }

  // The value likely meant in place of the one written.
  static void offer_guess(Diagnostic& d, const Reporter& reporter,
                          const model::Field<std::string_view>& policy, const text::Guess& guess) {
    if (auto fix = rules::guess_fix(reporter.source(), *policy.node, guess,
                                    fmt::format("Change \"{}\" to \"{}\"", policy.value, guess.word)))
      d.fixes.push_back(std::move(*fix));
  }
};

PODLINT_REGISTER_RULE(ContainerRestartPolicy);

}  // namespace
}  // namespace podlint
