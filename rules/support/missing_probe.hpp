// What missing-liveness-probe and missing-readiness-probe share: a
// long-running container without the probe is reported, unless its pod runs
// to completion (a Job's, a Helm test hook's; the option completing-pods
// asks for those too) or the field is only misspelt (unknown-field says so).
#pragma once

#include <optional>
#include <string_view>

#include "engine/rule.hpp"

namespace podlint::rules {

class MissingProbeRule : public Rule {
 public:
  using Probe = std::optional<model::Probe> model::Container::*;
  // `field`: the probe's field ("livenessProbe"); `word`: what messages call
  // it ("liveness").
  MissingProbeRule(std::string_view id, Probe probe, std::string_view field, std::string_view word);

  const RuleInfo& info() const final { return info_; }
  void check_workload(const model::Workload& workload, Reporter& reporter) const final;

 private:
  RuleInfo info_;
  Probe probe_;
  std::string_view field_;
  std::string_view word_;
};

}  // namespace podlint::rules
