// deprecated-service-account: the pod spec's serviceAccount, the deprecated
// alias of serviceAccountName.
#include <fmt/format.h>

#include "engine/rule.hpp"

namespace podlint {
namespace {

class DeprecatedServiceAccount final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "deprecated-service-account",
        .severity = Severity::Warning,
        .category = Category::Security,
        .consequence = Consequence::Risk,
        .security_severity = 2.0,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    const model::PodSpec& spec = *workload.pod_spec;
    if (!spec.service_account.present()) return;
    const auto& alias = spec.service_account;
    const auto& name = spec.service_account_name;
    if (name.valid() && alias.valid() && !name.value.empty() && name.value != alias.value) {
      Diagnostic& d = reporter.report(
          alias.key_span(),
          fmt::format("serviceAccount \"{}\" is deprecated and ignored: serviceAccountName \"{}\" "
                      "wins",
                      alias.value, name.value));
      d.related.push_back({name.span(), "serviceAccountName is set here"});
      return;
    }
    reporter.report(alias.key_span(), "serviceAccount is deprecated: use serviceAccountName");
  }
};

PODLINT_REGISTER_RULE(DeprecatedServiceAccount);

}  // namespace
}  // namespace podlint
