// secret-env-var: a Secret read into environment variables rather than
// mounted as files (off by default).
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

class SecretEnvVar final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "secret-env-var",
        .severity = Severity::Warning,
        .category = Category::Security,
        .consequence = Consequence::Risk,
        .enabled_by_default = false,
        .security_severity = 3.0,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    for (const model::Container* container : workload.pod_spec->all_containers()) {
      for (const model::EnvVar& env : container->env) {
        if (!env.value_from || !env.name.valid()) continue;
        for (const yaml::Pair& pair : yaml::resolve(*env.value_from).pairs) {
          const yaml::Node& key = yaml::resolve(*pair.key);
          if (key.value != "secretKeyRef") continue;
          reporter.report(key.span, fmt::format("{} reads a Secret into variable \"{}\": mount it as a file "
                                                "instead",
                                                rules::describe(*container), env.name.value));
        }
      }
      for (const model::EnvFromSource& source : container->env_from) {
        if (source.secret_ref)
          reporter.report(source.secret_ref->span,
                          fmt::format("{} reads a whole Secret into its environment: mount "
                                      "it as files instead",
                                      rules::describe(*container)));
      }
    }
  }
};

PODLINT_REGISTER_RULE(SecretEnvVar);

}  // namespace
}  // namespace podlint
