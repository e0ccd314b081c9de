// automount-service-account-token: a pod that does not opt out of mounting
// its service account's API token.
#include "support/pod_security.hpp"

namespace podlint {
namespace {

class AutomountServiceAccountToken final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "automount-service-account-token",
        .severity = Severity::Warning,
        .category = Category::Security,
        .consequence = Consequence::Risk,
        .security_severity = 4.5,
        .needs_whole_object = true,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    const model::PodSpec& spec = *workload.pod_spec;
    const model::Field<bool>& automount = spec.automount_service_account_token;
    if (automount.valid()) {
      if (automount.value)
        offer_opt_out(workload, reporter,
                      reporter.report(automount.span(),
                                      "the pod mounts its service account's API token into every container"));
      return;
    }
    // Unset, the ServiceAccount decides: its own automountServiceAccountToken: false turns it off.
    if (service_account_opts_out(workload, reporter)) return;
    offer_opt_out(workload, reporter,
                  reporter.report(rules::pod_span(spec),
                                  "the pod does not set automountServiceAccountToken: false, so every "
                                  "container gets an API token"));
  }

 private:
  // automountServiceAccountToken: false on the pod (unsafe: a process that
  // calls the API loses its token).
  static void offer_opt_out(const model::Workload& workload, const Reporter& reporter, Diagnostic& d) {
    const rules::Setting setting{workload.pod_spec->node,
                                 {"automountServiceAccountToken"},
                                 NewValue::raw("false"),
                                 "Set automountServiceAccountToken: false for the pod",
                                 {"containers"}};
    if (auto fix = rules::setting_fix(workload, reporter, setting)) d.fixes.push_back(std::move(*fix));
  }

  static bool service_account_opts_out(const model::Workload& workload, const Reporter& reporter) {
    const model::PodSpec& spec = *workload.pod_spec;
    std::string_view name = "default";
    if (spec.service_account_name.valid() && !spec.service_account_name.value.empty())
      name = spec.service_account_name.value;
    else if (spec.service_account.valid() && !spec.service_account.value.empty())
      name = spec.service_account.value;
    const IndexedObject* account = reporter.index().find(
        "ServiceAccount", workload.namespace_.valid() ? workload.namespace_.value : "", name);
    return account && account->automount_service_account_token == false;
  }
};

PODLINT_REGISTER_RULE(AutomountServiceAccountToken);

}  // namespace
}  // namespace podlint
