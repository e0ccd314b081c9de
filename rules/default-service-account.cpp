// default-service-account: a pod that runs as its namespace's "default"
// service account.
#include "support/pod_security.hpp"

namespace podlint {
namespace {

class DefaultServiceAccount final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "default-service-account",
        .severity = Severity::Info,
        .category = Category::Security,
        .consequence = Consequence::Risk,
        .security_severity = 3.0,
        .needs_whole_object = true,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    const model::PodSpec& spec = *workload.pod_spec;
    // serviceAccountName wins; the deprecated serviceAccount counts only without it.
    const model::Field<std::string_view>* name = nullptr;
    for (const auto* field : {&spec.service_account_name, &spec.service_account}) {
      if (field->valid() && !field->value.empty()) {
        name = field;
        break;
      }
    }
    if (name == nullptr) {
      reporter.report(rules::pod_span(spec),
                      "the pod names no service account, so it runs as the namespace's \"default\" one");
    } else if (name->value == "default") {
      reporter.report(name->span(), "the pod runs as the namespace's \"default\" service account");
    }
  }
};

PODLINT_REGISTER_RULE(DefaultServiceAccount);

}  // namespace
}  // namespace podlint
