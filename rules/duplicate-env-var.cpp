// duplicate-env-var: an env var defined twice in one container, where the
// later one hides the earlier (the API server warns; kubectl apply may drop
// one of them).
#include <fmt/format.h>

#include <algorithm>

#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

class DuplicateEnvVar final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "duplicate-env-var",
        .severity = Severity::Warning,
        .category = Category::Env,
        .consequence = Consequence::Risk,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    if (!w.pod_spec) return;
    for (const model::Container* c : w.pod_spec->all_containers()) {
      const auto& env = c->env;
      for (size_t k = 0; k < env.size(); ++k) {
        if (!env[k].name.valid() || env[k].name.value.empty()) continue;
        const std::string_view name = env[k].name.value;
        const auto earlier =
            std::find_if(env.begin(), env.begin() + static_cast<std::ptrdiff_t>(k),
                         [&](const model::EnvVar& e) { return e.name.valid() && e.name.value == name; });
        if (earlier == env.begin() + static_cast<std::ptrdiff_t>(k) || !hides(env[k], name)) continue;
        Diagnostic& d = reporter.report(
            env[k].name.span(),
            fmt::format(
                "env var \"{}\" of {} is defined again and hides the earlier definition, which kubectl "
                "apply may drop: keep one",
                name, rules::describe(*c)));
        d.related.push_back({earlier->name.span(), "first defined here"});
      }
    }
  }

 private:
  // A later definition that reads the earlier one ("$(X):more") extends it,
  // and the API server does not warn about it; one that is exactly "$(X)",
  // comes from a valueFrom, or does not mention $(X) hides it.
  static bool hides(const model::EnvVar& later, std::string_view name) {
    if (later.value_from && !rules::is_null(later.value_from)) return true;
    const std::string reference = fmt::format("$({})", name);
    const std::string_view value = later.value.valid() ? later.value.value : std::string_view();
    return value == reference || value.find(reference) == std::string_view::npos;
  }
};

PODLINT_REGISTER_RULE(DuplicateEnvVar);

}  // namespace
}  // namespace podlint
