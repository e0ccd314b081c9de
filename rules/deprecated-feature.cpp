// deprecated-feature: node labels, annotations and volume plugins Kubernetes
// deprecated, which the API server warns about: most no longer do anything.
#include <fmt/format.h>

#include <tuple>

#include "engine/rule.hpp"
#include "support/fields.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

struct Replacement {
  std::string_view old_name;
  std::string_view new_name;
};

constexpr Replacement kNodeLabels[] = {
    {"beta.kubernetes.io/os", "kubernetes.io/os"},
    {"beta.kubernetes.io/arch", "kubernetes.io/arch"},
    {"failure-domain.beta.kubernetes.io/zone", "topology.kubernetes.io/zone"},
    {"failure-domain.beta.kubernetes.io/region", "topology.kubernetes.io/region"},
    {"beta.kubernetes.io/instance-type", "node.kubernetes.io/instance-type"},
};

struct Deprecation {
  std::string_view name;
  std::string_view status;
};

constexpr Deprecation kVolumePlugins[] = {
    {"photonPersistentDisk", "deprecated in v1.11 and non-functional since v1.16"},
    {"gitRepo", "deprecated since v1.11: clone the repository in an init container into an emptyDir"},
    {"scaleIO", "deprecated in v1.16 and non-functional since v1.22"},
    {"flocker", "deprecated in v1.22 and non-functional since v1.25"},
    {"storageos", "deprecated in v1.22 and non-functional since v1.25"},
    {"quobyte", "deprecated in v1.22 and non-functional since v1.25"},
    {"glusterfs", "deprecated in v1.25 and non-functional since v1.26"},
    {"cephfs", "deprecated in v1.28 and non-functional since v1.31"},
    {"rbd", "deprecated in v1.28 and non-functional since v1.31"},
};

constexpr Deprecation kAnnotations[] = {
    {"scheduler.alpha.kubernetes.io/critical-pod", "non-functional since v1.16: use priorityClassName"},
    {"security.alpha.kubernetes.io/sysctls", "non-functional since v1.11: use securityContext.sysctls"},
    {"security.alpha.kubernetes.io/unsafe-sysctls",
     "non-functional since v1.11: use securityContext.sysctls"},
};

class DeprecatedFeature final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "deprecated-feature",
        .severity = Severity::Warning,
        .category = Category::Metadata,
        .consequence = Consequence::Risk,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    if (!w.pod_spec) return;
    const yaml::Node* spec = w.pod_spec->node;
    check_node_labels(spec, reporter);
    for (const model::Volume& v : w.pod_spec->volumes)
      for (const Deprecation& d : kVolumePlugins)
        if (v.source() == d.name)
          reporter.report(v.source_key->span, fmt::format("the {} volume plugin is {}", d.name, d.status));
    const yaml::Node* metadata = w.kind.value == "Pod" ? w.metadata : w.template_metadata;
    check_annotations(w, rules::mapping_field(metadata, "annotations"), reporter);
  }

 private:
  static void report_label(const yaml::Node* key, Reporter& reporter) {
    for (const Replacement& r : kNodeLabels)
      if (yaml::resolve(*key).value == r.old_name)
        reporter.report(key->span,
                        fmt::format("node label \"{}\" is deprecated: use \"{}\"", r.old_name, r.new_name));
  }

  static void check_node_labels(const yaml::Node* spec, Reporter& reporter) {
    if (const yaml::Node* selector = rules::mapping_field(spec, "nodeSelector"))
      for (const yaml::Pair& pair : selector->pairs)
        report_label(pair.key, reporter);
    const yaml::Node* node_affinity =
        rules::mapping_field(rules::mapping_field(spec, "affinity"), "nodeAffinity");
    std::vector<const yaml::Node*> terms = rules::items(
        rules::field(rules::mapping_field(node_affinity, "requiredDuringSchedulingIgnoredDuringExecution"),
                     "nodeSelectorTerms"));
    for (const yaml::Node* preferred :
         rules::items(rules::field(node_affinity, "preferredDuringSchedulingIgnoredDuringExecution")))
      terms.push_back(rules::mapping_field(preferred, "preference"));
    for (const yaml::Node* term : terms)
      for (const yaml::Node* requirement : rules::items(rules::field(term, "matchExpressions")))
        if (const yaml::Node* key = rules::field(requirement, "key")) report_label(key, reporter);
    for (const yaml::Node* constraint : rules::items(rules::field(spec, "topologySpreadConstraints")))
      if (const yaml::Node* key = rules::field(constraint, "topologyKey")) report_label(key, reporter);
  }

  static void check_annotations(const model::Workload& w, const yaml::Node* annotations, Reporter& reporter) {
    if (!annotations) return;
    const yaml::Node* pod_sc = rules::mapping_field(w.pod_spec->node, "securityContext");
    for (const yaml::Pair& pair : annotations->pairs) {
      const std::string_view key = yaml::resolve(*pair.key).value;
      for (const Deprecation& d : kAnnotations)
        if (key == d.name)
          reporter.report(pair.key->span, fmt::format("annotation \"{}\" is {}", key, d.status));
      if (key == "seccomp.security.alpha.kubernetes.io/pod" && !rules::field(pod_sc, "seccompProfile"))
        reporter.report(pair.key->span, fmt::format("annotation \"{}\" is non-functional since v1.27: use "
                                                    "securityContext.seccompProfile",
                                                    key));
      for (const auto& [prefix, field, status] :
           {std::tuple{std::string_view("container.seccomp.security.alpha.kubernetes.io/"),
                       std::string_view("seccompProfile"), std::string_view("non-functional since v1.27")},
            std::tuple{std::string_view("container.apparmor.security.beta.kubernetes.io/"),
                       std::string_view("appArmorProfile"), std::string_view("deprecated since v1.30")}}) {
        if (!key.starts_with(prefix)) continue;
        // The API server copies a Pod's AppArmor annotation into the field; only templates are warned.
        if (field == "appArmorProfile" && w.kind.value == "Pod") continue;
        const model::Container* c = container_named(*w.pod_spec, key.substr(prefix.size()));
        if (c && !rules::field(rules::mapping_field(c->node, "securityContext"), field))
          reporter.report(pair.key->span,
                          fmt::format("annotation \"{}\" is {}: use the securityContext.{} of {}", key,
                                      status, field, rules::describe(*c)));
      }
    }
  }

  static const model::Container* container_named(const model::PodSpec& spec, std::string_view name) {
    for (const model::Container* c : spec.all_containers())
      if (c->name.valid() && c->name.value == name) return c;
    return nullptr;
  }
};

PODLINT_REGISTER_RULE(DeprecatedFeature);

}  // namespace
}  // namespace podlint
