// invalid-ephemeral-container: ephemeral containers in a manifest, fields an
// ephemeral container may not have, and a targetContainerName that names no
// container of the pod.
#include <fmt/format.h>

#include <algorithm>

#include "engine/rule.hpp"
#include "support/fields.hpp"
#include "support/pod_helpers.hpp"
#include "text/suggest.hpp"

namespace podlint {
namespace {

// What an ephemeral container may not set (restartPolicy is container-restart-policy's).
constexpr std::string_view kForbidden[] = {"ports",        "resources", "livenessProbe", "readinessProbe",
                                           "startupProbe", "lifecycle", "resizePolicy"};

// Whether a value is set to something (not null, not an empty list or map):
// the API only forbids non-zero fields.
bool non_zero(const yaml::Node* value) {
  if (!value) return false;
  if (value->is_sequence()) return !value->items.empty();
  if (value->is_mapping()) return !value->pairs.empty();
  return true;
}

class InvalidEphemeralContainer final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-ephemeral-container",
        .severity = Severity::Error,
        .category = Category::Containers,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    if (!w.pod_spec || w.pod_spec->ephemeral_containers.empty()) return;
    const model::PodSpec& spec = *w.pod_spec;
    if (const yaml::Node* key = rules::key_of(spec.node, "ephemeralContainers"))
      reporter.report(
          key->span,
          w.kind.value == "Pod"
              ? "ephemeralContainers cannot be set when a Pod is created: add them to a running pod with "
                "kubectl debug"
              : "ephemeralContainers are not allowed in a pod template: add them to a running pod with "
                "kubectl debug");
    std::vector<std::string_view> targets;
    for (const auto* list : {&spec.containers, &spec.init_containers})
      for (const model::Container& c : *list)
        if (c.name.valid()) targets.push_back(c.name.value);
    for (const model::Container& c : spec.ephemeral_containers) {
      for (std::string_view name : kForbidden)
        if (non_zero(rules::field(c.node, name)))
          reporter.report(
              rules::field_span(c.node, name),
              fmt::format("{} may not set {}: an ephemeral container only runs a debugging process",
                          rules::describe(c), name));
      for (const model::VolumeMount& mount : c.volume_mounts)
        for (std::string_view name : {"subPath", "subPathExpr"})
          if (rules::field(mount.node, name))
            reporter.report(rules::field_span(mount.node, name),
                            fmt::format("a volumeMount of {} may not set {}", rules::describe(c), name));
      const auto target = rules::string_value(rules::field(c.node, "targetContainerName"));
      if (target && !target->empty() && std::find(targets.begin(), targets.end(), *target) == targets.end())
        reporter.report(
            rules::field(c.node, "targetContainerName")->span,
            fmt::format("targetContainerName \"{}\" of {} names no container or init container of the "
                        "pod{}",
                        *target, rules::describe(c), text::did_you_mean(*target, targets)));
    }
  }
};

PODLINT_REGISTER_RULE(InvalidEphemeralContainer);

}  // namespace
}  // namespace podlint
