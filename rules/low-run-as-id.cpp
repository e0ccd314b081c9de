// low-run-as-id: a runAsUser or runAsGroup below a minimum (10000 by
// default), where it may collide with the node's own users and groups.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "support/pod_helpers.hpp"
#include "support/pod_security.hpp"

namespace podlint {
namespace {

const IntegerOption kMinimum{"minimum", 10000, 0, 2147483647};
constexpr std::array<const OptionSpec*, 1> kOptions{&kMinimum};

class LowRunAsId final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "low-run-as-id",
        .severity = Severity::Info,
        .category = Category::Security,
        .consequence = Consequence::Risk,
        .options = kOptions,
        .security_severity = 3.0,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    // Windows pods run as user names: the API refuses these IDs there.
    if (!workload.pod_spec || rules::windows_pod(*workload.pod_spec)) return;
    const model::PodSpec& spec = *workload.pod_spec;
    const int64_t minimum = reporter.option(kMinimum);
    const auto containers = rules::containers_with_context(spec);
    const auto check = [&](const model::Field<int64_t>& field, std::string_view what,
                           const std::string& who) {
      if (field.valid() && field.value < minimum)
        reporter.report(field.span(), fmt::format("{} runs as {} {}{}, below {}", who, what, field.value,
                                                  field.value == 0 ? " (root)" : "", minimum));
    };
    // The pod's value counts where some container does not set its own.
    const auto inherited = [&](model::Field<int64_t> model::SecurityContext::*field) {
      return std::ranges::any_of(containers, [&](const rules::ContainerContext& c) {
        return !c.context || !(c.context->*field).valid();
      });
    };
    if (const model::SecurityContext* pod = rules::pod_context(spec)) {
      if (inherited(&model::SecurityContext::run_as_user)) check(pod->run_as_user, "user", "the pod");
      if (inherited(&model::SecurityContext::run_as_group)) check(pod->run_as_group, "group", "the pod");
    }
    for (const auto& [container, context] : containers) {
      if (!context) continue;
      check(context->run_as_user, "user", rules::describe(*container));
      check(context->run_as_group, "group", rules::describe(*container));
    }
  }
};

PODLINT_REGISTER_RULE(LowRunAsId);

}  // namespace
}  // namespace podlint
