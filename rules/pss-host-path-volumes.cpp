// pss-host-path-volumes: the Pod Security Standards' "HostPath Volumes"
// control (baseline): no hostPath volume.
#include <fmt/format.h>

#include "support/pod_security.hpp"

namespace podlint {
namespace {

class PssHostPathVolumes final : public rules::ControlRule {
 public:
  // Under restricted, pss-restricted-volumes reports hostPath with the other types.
  PssHostPathVolumes()
      : ControlRule("pss-host-path-volumes", 8.0,
                    {.level = PodSecurityLevel::Baseline, .replaced_at_restricted_from = 0}) {}

 private:
  std::vector<rules::Violation> check(const rules::PodUnderReview& pod) const override {
    std::vector<rules::Violation> out;
    for (size_t i = 0; i < pod.spec.volumes.size(); ++i) {
      const model::Volume& volume = pod.spec.volumes[i];
      for (const yaml::Node* source : rules::volume_sources(volume)) {
        if (source->value != "hostPath") continue;
        const std::string path =
            volume.host_path.valid() ? fmt::format(" \"{}\"", volume.host_path.value) : std::string();
        out.push_back({source->span, fmt::format("{} mounts the node's path{} (hostPath)",
                                                 rules::describe_volume(volume, i), path)});
      }
    }
    return out;
  }
};

PODLINT_REGISTER_RULE(PssHostPathVolumes);

}  // namespace
}  // namespace podlint
