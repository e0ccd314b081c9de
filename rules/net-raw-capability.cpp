// net-raw-capability: a container that keeps NET_RAW, which lets it forge
// packets on the pod network.
#include <fmt/format.h>

#include <algorithm>

#include "support/pod_helpers.hpp"
#include "support/pod_security.hpp"

namespace podlint {
namespace {

class NetRawCapability final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "net-raw-capability",
        .severity = Severity::Warning,
        .category = Category::Security,
        .consequence = Consequence::Risk,
        .security_severity = 5.0,
        .needs_whole_object = true,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    const model::PodSpec& spec = *workload.pod_spec;
    if (rules::windows_pod(spec)) return;  // no Linux capabilities
    for (const auto& [container, context] : rules::containers_with_context(spec)) {
      if (container->kind == model::ContainerKind::Ephemeral) continue;
      const model::Capabilities* caps = context && context->capabilities ? &*context->capabilities : nullptr;
      // The runtime adds an added capability after dropping: adding wins.
      if (caps) {
        const auto added = std::ranges::find_if(caps->add, [](const auto& cap) {
          return cap.valid() && (cap.value == "NET_RAW" || cap.value == "ALL");
        });
        if (added != caps->add.end()) {
          reporter.report(added->span(),
                          added->value == "ALL"
                              ? rules::describe(*container) + " adds ALL capabilities, NET_RAW among them"
                              : rules::describe(*container) + " adds NET_RAW");
          continue;
        }
      }
      const bool dropped = caps && std::ranges::any_of(caps->drop, [](const auto& cap) {
                             return cap.valid() && (cap.value == "NET_RAW" || cap.value == "ALL");
                           });
      if (dropped) continue;
      reporter.report(caps      ? caps->key->span
                      : context ? context->key->span
                                : rules::container_span(*container),
                      rules::describe(*container) + " does not drop NET_RAW (drop ALL, or NET_RAW)");
    }
  }
};

PODLINT_REGISTER_RULE(NetRawCapability);

}  // namespace
}  // namespace podlint
