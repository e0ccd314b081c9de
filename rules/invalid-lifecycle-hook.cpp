// invalid-lifecycle-hook: a postStart or preStop hook with no handler or
// several, or a sleep the pod's grace period cannot hold.
#include <fmt/format.h>

#include <algorithm>

#include "engine/rule.hpp"
#include "support/fields.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

constexpr std::string_view kHandlers[] = {"exec", "httpGet", "tcpSocket", "sleep"};
constexpr int64_t kDefaultGracePeriod = 30;

class InvalidLifecycleHook final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-lifecycle-hook",
        .severity = Severity::Error,
        .category = Category::Containers,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    if (!w.pod_spec) return;
    const auto written = rules::int_value(rules::field(w.pod_spec->node, "terminationGracePeriodSeconds"));
    // The API treats a negative grace period as 1.
    const int64_t grace = written ? std::max<int64_t>(*written, 1) : kDefaultGracePeriod;
    for (const model::Container* c : w.pod_spec->all_containers()) {
      // Plain init and ephemeral containers may not have hooks at all.
      if (!c->is_long_running()) continue;
      const yaml::Node* lifecycle = rules::mapping_field(c->node, "lifecycle");
      for (std::string_view hook : {"postStart", "preStop"}) {
        const yaml::Node* handler = rules::mapping_field(lifecycle, hook);
        if (handler) check_hook(*c, hook, handler, grace, written.has_value(), reporter);
      }
    }
  }

 private:
  static void check_hook(const model::Container& c, std::string_view hook, const yaml::Node* handler,
                         int64_t grace, bool grace_written, Reporter& reporter) {
    std::vector<const yaml::Node*> keys;
    for (const yaml::Pair& pair : handler->pairs) {
      const yaml::Node& key = yaml::resolve(*pair.key);
      if (std::find(std::begin(kHandlers), std::end(kHandlers), key.value) != std::end(kHandlers) &&
          rules::field(handler, key.value))
        keys.push_back(pair.key);
    }
    const std::string who = fmt::format("the {} hook of {}", hook, rules::describe(c));
    if (keys.empty()) {
      reporter.report(
          rules::key_of(rules::field(c.node, "lifecycle"), hook)->span,
          fmt::format("{} has no handler: give it one of exec, httpGet, tcpSocket or sleep", who));
      return;
    }
    for (size_t i = 1; i < keys.size(); ++i)
      reporter.report(keys[i]->span, fmt::format("{} already has a {} handler: a hook has exactly one", who,
                                                 yaml::resolve(*keys[0]).value));
    const yaml::Node* seconds_node = rules::field(rules::mapping_field(handler, "sleep"), "seconds");
    const auto seconds = rules::int_value(seconds_node);
    if (!seconds) return;
    if (*seconds < 0) {
      reporter.report(seconds_node->span,
                      fmt::format("{} sleeps a negative number of seconds ({})", who, *seconds));
    } else if (*seconds > grace) {
      reporter.report(
          seconds_node->span,
          fmt::format("{} sleeps {} seconds, longer than the pod's terminationGracePeriodSeconds ({}{}): "
                      "the container would be killed before the sleep ends",
                      who, *seconds, grace, grace_written ? "" : ", the default"));
    }
  }
};

PODLINT_REGISTER_RULE(InvalidLifecycleHook);

}  // namespace
}  // namespace podlint
