#include "support/missing_probe.hpp"

#include <array>

#include "support/misspellings.hpp"
#include "support/pod_helpers.hpp"

namespace podlint::rules {

namespace {

const BoolOption kCompletingPods{"completing-pods", false};
constexpr std::array<const OptionSpec*, 1> kOptions{&kCompletingPods};

}  // namespace

MissingProbeRule::MissingProbeRule(std::string_view id, Probe probe, std::string_view field,
                                   std::string_view word)
    : info_{.id = id,
            .severity = Severity::Warning,
            .category = Category::Probes,
            .consequence = Consequence::Risk,
            .options = kOptions,
            .needs_whole_object = true},
      probe_(probe),
      field_(field),
      word_(word) {}

void MissingProbeRule::check_workload(const model::Workload& workload, Reporter& reporter) const {
  if (!workload.pod_spec) return;
  if (workload.runs_to_completion() && !reporter.option(kCompletingPods)) return;
  for (const model::Container* c : workload.pod_spec->all_containers()) {
    if (c->is_long_running() && !(c->*probe_) && !misspelt(reporter.facts(), c->node, field_))
      reporter.report(container_span(*c), describe(*c) + " has no " + std::string(word_) + " probe");
  }
}

}  // namespace podlint::rules
