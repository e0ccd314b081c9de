// missing-readiness-probe: a long-running container should say when it can take traffic.
#include "support/missing_probe.hpp"

namespace podlint {
namespace {

class MissingReadinessProbe final : public rules::MissingProbeRule {
 public:
  MissingReadinessProbe()
      : MissingProbeRule("missing-readiness-probe", &model::Container::readiness_probe, "readinessProbe",
                         "readiness") {}
};

PODLINT_REGISTER_RULE(MissingReadinessProbe);

}  // namespace
}  // namespace podlint
