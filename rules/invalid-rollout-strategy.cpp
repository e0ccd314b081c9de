// invalid-rollout-strategy: a rollout the API server rejects: a Deployment
// that could never progress or never replace a pod, a DaemonSet that surges
// and drops pods at once (or neither), a StatefulSet that takes no pod down,
// more than 100% unavailable.
#include <fmt/format.h>

#include <optional>

#include "engine/rule.hpp"
#include "support/fields.hpp"

namespace podlint {
namespace {

constexpr int64_t kDefaultProgressDeadline = 600;

// An int-or-percent as written: its number, and whether it is a percentage.
struct Amount {
  const yaml::Node* node;
  int64_t number;
  bool percent;

  bool zero() const { return number == 0; }
};

std::optional<Amount> amount(const yaml::Node* node) {
  if (!node) return std::nullopt;
  if (const auto n = rules::int_value(node)) return Amount{node, *n, false};
  const auto text = rules::string_value(node);
  if (!text || text->size() < 2 || !text->ends_with('%')) return std::nullopt;
  const auto n = model::parse_int(text->substr(0, text->size() - 1));
  if (!n) return std::nullopt;
  return Amount{node, *n, true};
}

class InvalidRolloutStrategy final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-rollout-strategy",
        .severity = Severity::Error,
        .category = Category::Workloads,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    const std::string_view kind = w.kind.value;
    if (kind == "Deployment") {
      check_deployment(w, reporter);
    } else if (kind == "DaemonSet") {
      check_daemon_set(w, reporter);
    } else if (kind == "StatefulSet") {
      const yaml::Node* rolling =
          rules::mapping_field(rules::mapping_field(w.spec, "updateStrategy"), "rollingUpdate");
      const auto unavailable = amount(rules::field(rolling, "maxUnavailable"));
      if (unavailable && unavailable->zero() && unavailable->percent)
        reporter.report(
            unavailable->node->span,
            "maxUnavailable of a StatefulSet must not be 0%: the rollout could never take a pod down");
      check_at_most_100(unavailable, "maxUnavailable", reporter);
    }
  }

 private:
  static void check_at_most_100(const std::optional<Amount>& a, std::string_view name, Reporter& reporter) {
    if (a && a->percent && a->number > 100)
      reporter.report(a->node->span, fmt::format("{} {}% is more than 100%", name, a->number));
  }

  static void check_deployment(const model::Workload& w, Reporter& reporter) {
    const auto min_ready = rules::int_value(rules::field(w.spec, "minReadySeconds")).value_or(0);
    const auto deadline = rules::int_value(rules::field(w.spec, "progressDeadlineSeconds"));
    if (deadline.value_or(kDefaultProgressDeadline) <= min_ready)
      reporter.report(
          rules::field_span(w.spec, deadline ? "progressDeadlineSeconds" : "minReadySeconds"),
          fmt::format("progressDeadlineSeconds ({}{}) must be more than minReadySeconds ({}): a new pod "
                      "could never be ready before the rollout is declared failed",
                      deadline.value_or(kDefaultProgressDeadline), deadline ? "" : ", the default",
                      min_ready));
    const yaml::Node* strategy = rules::mapping_field(w.spec, "strategy");
    const auto type = rules::string_value(rules::field(strategy, "type")).value_or("RollingUpdate");
    if (type != "RollingUpdate") return;
    const yaml::Node* rolling = rules::mapping_field(strategy, "rollingUpdate");
    const auto surge = amount(rules::field(rolling, "maxSurge"));
    const auto unavailable = amount(rules::field(rolling, "maxUnavailable"));
    check_at_most_100(unavailable, "maxUnavailable", reporter);
    // Each defaults to 25% when left out.
    if (surge && unavailable && surge->zero() && unavailable->zero())
      reporter.report(unavailable->node->span,
                      "maxSurge and maxUnavailable are both 0: the rollout could neither add "
                      "a new pod nor remove an old one");
  }

  static void check_daemon_set(const model::Workload& w, Reporter& reporter) {
    const yaml::Node* strategy = rules::mapping_field(w.spec, "updateStrategy");
    const auto type = rules::string_value(rules::field(strategy, "type")).value_or("RollingUpdate");
    if (type != "RollingUpdate") return;
    const yaml::Node* rolling = rules::mapping_field(strategy, "rollingUpdate");
    const auto surge = amount(rules::field(rolling, "maxSurge"));
    const auto unavailable = amount(rules::field(rolling, "maxUnavailable"));
    check_at_most_100(surge, "maxSurge", reporter);
    check_at_most_100(unavailable, "maxUnavailable", reporter);
    // maxSurge defaults to 0, maxUnavailable to 1: exactly one may be non-zero.
    const bool surges = surge && !surge->zero();
    const bool drops = unavailable ? !unavailable->zero() : true;
    if (surges && drops)
      reporter.report(
          surge->node->span,
          fmt::format("a DaemonSet rollout either surges or takes pods down, not both: with maxSurge set, "
                      "set maxUnavailable: 0{}",
                      unavailable ? "" : " (it defaults to 1)"));
    else if (!surges && !drops)
      reporter.report(unavailable->node->span,
                      "maxSurge and maxUnavailable are both 0: the DaemonSet rollout could "
                      "never replace a pod");
  }
};

PODLINT_REGISTER_RULE(InvalidRolloutStrategy);

}  // namespace
}  // namespace podlint
