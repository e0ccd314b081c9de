// The API versions Kubernetes stopped serving, for the kinds podlint does
// not model (the pod-carrying kinds' old versions are unserved-api-version's):
// from Kubernetes' deprecated API migration guide. Shared by
// removed-api-version (gone in the target release) and
// deprecated-api-version (gone in a later one).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "model/pod.hpp"

namespace podlint::rules {

struct RemovedApi {
  std::string_view api_version;
  std::string_view kind;
  uint8_t removed_in;    // the 1.N release that stopped serving it
  std::string_view use;  // the apiVersion to move to; empty when the kind went too
};

// The removal of this object's apiVersion and kind, or null.
const RemovedApi* removed_api(const model::Workload& object);

// "1.32"
std::string release_name(uint8_t minor);

}  // namespace podlint::rules
