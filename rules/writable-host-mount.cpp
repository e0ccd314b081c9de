// writable-host-mount: a container that mounts a hostPath volume without
// readOnly: true, and so can change the node's files.
#include <fmt/format.h>

#include <algorithm>

#include "support/pod_helpers.hpp"
#include "support/pod_security.hpp"

namespace podlint {
namespace {

class WritableHostMount final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "writable-host-mount",
        .severity = Severity::Warning,
        .category = Category::Security,
        .consequence = Consequence::Risk,
        .security_severity = 6.0,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    const model::PodSpec& spec = *workload.pod_spec;
    for (const model::Container* container : spec.all_containers()) {
      for (const model::VolumeMount& mount : container->volume_mounts) {
        if (!mount.name.valid() || (mount.read_only.valid() && mount.read_only.value)) continue;
        const auto volume = std::ranges::find_if(spec.volumes, [&](const model::Volume& v) {
          return v.name.valid() && v.name.value == mount.name.value;
        });
        if (volume == spec.volumes.end() || !volume->host_path.present()) continue;
        const std::string path =
            volume->host_path.valid() ? fmt::format(" (\"{}\")", volume->host_path.value) : std::string();
        Diagnostic& d =
            reporter.report(mount.read_only.present() ? mount.read_only.span() : mount.name.span(),
                            fmt::format("{} mounts hostPath volume \"{}\"{} writable",
                                        rules::describe(*container), mount.name.value, path));
        d.related.push_back({volume->host_path.span(), "the node's path"});
      }
    }
  }
};

PODLINT_REGISTER_RULE(WritableHostMount);

}  // namespace
}  // namespace podlint
