// read-only-root-filesystem: containers should mount their root filesystem
// read-only.
#include "support/pod_helpers.hpp"
#include "support/pod_security.hpp"

namespace podlint {
namespace {

class ReadOnlyRootFilesystem final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "read-only-root-filesystem",
        .severity = Severity::Warning,
        .category = Category::Security,
        .consequence = Consequence::Risk,
        .security_severity = 4.0,
        .needs_whole_object = true,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    // Windows containers cannot have one: the API refuses the field there.
    if (!workload.pod_spec || rules::windows_pod(*workload.pod_spec)) return;
    for (const auto& [container, context] : rules::containers_with_context(*workload.pod_spec)) {
      // A debugging session's ephemeral container is not hardened like the app.
      if (container->kind == model::ContainerKind::Ephemeral) continue;
      const model::Field<bool>* field = context ? &context->read_only_root_filesystem : nullptr;
      Diagnostic* d = nullptr;
      if (field && field->valid()) {
        if (!field->value)
          d = &reporter.report(field->span(),
                               rules::describe(*container) + " has a writable root filesystem");
      } else {
        d = &reporter.report(context ? context->key->span : rules::container_span(*container),
                             rules::describe(*container) + " does not set readOnlyRootFilesystem: true");
      }
      // Unsafe: a process that writes outside its volumes then fails.
      if (d == nullptr) continue;
      if (auto fix = rules::setting_fix(
              workload, reporter, rules::container_setting(*container, "readOnlyRootFilesystem", "true")))
        d->fixes.push_back(std::move(*fix));
    }
  }
};

PODLINT_REGISTER_RULE(ReadOnlyRootFilesystem);

}  // namespace
}  // namespace podlint
