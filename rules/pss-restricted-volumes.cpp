// pss-restricted-volumes: the Pod Security Standards' "Volume Types" control
// (restricted): only configMap, csi, downwardAPI, emptyDir, ephemeral, image,
// persistentVolumeClaim, projected and secret volumes.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "support/pod_security.hpp"

namespace podlint {
namespace {

// The volume sources of the API that the restricted level forbids; a key the
// API does not know is dropped on decoding, so it is no volume type at all.
constexpr std::array<std::string_view, 21> kForbidden{"hostPath",
                                                      "gcePersistentDisk",
                                                      "awsElasticBlockStore",
                                                      "gitRepo",
                                                      "nfs",
                                                      "iscsi",
                                                      "glusterfs",
                                                      "rbd",
                                                      "flexVolume",
                                                      "cinder",
                                                      "cephfs",
                                                      "flocker",
                                                      "fc",
                                                      "azureFile",
                                                      "vsphereVolume",
                                                      "quobyte",
                                                      "azureDisk",
                                                      "photonPersistentDisk",
                                                      "portworxVolume",
                                                      "scaleIO",
                                                      "storageos"};

class PssRestrictedVolumes final : public rules::ControlRule {
 public:
  PssRestrictedVolumes()
      : ControlRule("pss-restricted-volumes", 6.5, {.level = PodSecurityLevel::Restricted}) {}

 private:
  std::vector<rules::Violation> check(const rules::PodUnderReview& pod) const override {
    std::vector<rules::Violation> out;
    for (size_t i = 0; i < pod.spec.volumes.size(); ++i) {
      for (const yaml::Node* source : rules::volume_sources(pod.spec.volumes[i])) {
        if (std::ranges::find(kForbidden, source->value) == kForbidden.end()) continue;
        out.push_back(
            {source->span, fmt::format("{} is of type {}, which the restricted level "
                                       "does not allow",
                                       rules::describe_volume(pod.spec.volumes[i], i), source->value)});
      }
    }
    return out;
  }
};

PODLINT_REGISTER_RULE(PssRestrictedVolumes);

}  // namespace
}  // namespace podlint
