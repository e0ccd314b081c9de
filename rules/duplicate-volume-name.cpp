// duplicate-volume-name: two volumes of one pod have the same name.
#include <fmt/format.h>

#include "engine/rule.hpp"

namespace podlint {
namespace {

class DuplicateVolumeName final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "duplicate-volume-name",
        .severity = Severity::Error,
        .category = Category::Volumes,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    const auto& volumes = workload.pod_spec->volumes;
    for (size_t k = 0; k < volumes.size(); ++k) {
      const auto& name = volumes[k].name;
      if (!name.valid() || name.value.empty()) continue;
      for (size_t j = 0; j < k; ++j) {
        if (!volumes[j].name.valid() || volumes[j].name.value != name.value) continue;
        Diagnostic& d = reporter.report(
            name.span(), fmt::format("volume name \"{}\" is already used by another volume of the pod: a "
                                     "mount could not say which one it means",
                                     name.value));
        d.related.push_back({volumes[j].name.span(), "first used here"});
        break;
      }
    }
  }
};

PODLINT_REGISTER_RULE(DuplicateVolumeName);

}  // namespace
}  // namespace podlint
