// undefined-volume: a volume mount or volume device names a volume the pod
// does not define.
#include <fmt/format.h>

#include <algorithm>

#include "engine/rule.hpp"
#include "model/scalar.hpp"
#include "support/pod_helpers.hpp"
#include "text/suggest.hpp"

namespace podlint {
namespace {

// The names of a StatefulSet's volumeClaimTemplates: each is a volume of its pods.
std::vector<std::string_view> claim_template_names(const model::Workload& workload) {
  std::vector<std::string_view> names;
  if (workload.kind.value != "StatefulSet" || !workload.spec) return names;
  const yaml::Node* templates = yaml::find(*workload.spec, "volumeClaimTemplates");
  if (!templates || !templates->is_sequence()) return names;
  for (const yaml::Node* item : yaml::resolve(*templates).items) {
    const yaml::Node& claim = yaml::resolve(*item);
    const yaml::Node* metadata = claim.is_mapping() ? yaml::find(claim, "metadata") : nullptr;
    const yaml::Node* name = metadata && metadata->is_mapping() ? yaml::find(*metadata, "name") : nullptr;
    if (name && model::scalar_type(*name) == model::ScalarType::String) names.push_back(name->value);
  }
  return names;
}

std::string quoted_list(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::string_view n : names)
    out += fmt::format("{}\"{}\"", out.empty() ? "" : ", ", n);
  return out;
}

class UndefinedVolume final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "undefined-volume",
        .severity = Severity::Error,
        .category = Category::Volumes,
        .consequence = Consequence::Rejected,
        .needs_whole_object = true,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    std::vector<std::string_view> volumes;
    for (const model::Volume& v : workload.pod_spec->volumes)
      if (v.name.valid() && !v.name.value.empty() &&
          std::find(volumes.begin(), volumes.end(), v.name.value) == volumes.end())
        volumes.push_back(v.name.value);
    const std::vector<std::string_view> claims = claim_template_names(workload);
    std::vector<std::string_view> known = volumes;
    known.insert(known.end(), claims.begin(), claims.end());

    const auto check = [&](const model::Field<std::string_view>& name, std::string_view what,
                           const model::Container& c) {
      if (!name.valid() || name.value.empty()) return;
      if (std::find(known.begin(), known.end(), name.value) != known.end()) return;
      std::string defined = volumes.empty() ? "it defines no volumes" : "it defines " + quoted_list(volumes);
      if (!claims.empty()) defined += ", and claim templates " + quoted_list(claims);
      reporter.report(
          name.span(),
          fmt::format("{} of {} names volume \"{}\", which the pod does not define ({}){}", what,
                      rules::describe(c), name.value, defined, text::did_you_mean(name.value, known)));
    };
    for (const model::Container* c : workload.pod_spec->all_containers()) {
      for (const model::VolumeMount& mount : c->volume_mounts)
        check(mount.name, "a volumeMount", *c);
      for (const model::VolumeDevice& device : c->volume_devices)
        check(device.name, "a volumeDevice", *c);
    }
  }
};

PODLINT_REGISTER_RULE(UndefinedVolume);

}  // namespace
}  // namespace podlint
