// missing-liveness-probe: a long-running container should say how to tell it is stuck.
#include "support/missing_probe.hpp"

namespace podlint {
namespace {

class MissingLivenessProbe final : public rules::MissingProbeRule {
 public:
  MissingLivenessProbe()
      : MissingProbeRule("missing-liveness-probe", &model::Container::liveness_probe, "livenessProbe",
                         "liveness") {}
};

PODLINT_REGISTER_RULE(MissingLivenessProbe);

}  // namespace
}  // namespace podlint
