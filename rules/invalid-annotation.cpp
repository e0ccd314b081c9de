// invalid-annotation: annotations the API server rejects: too many bytes of
// them, and the pod annotations it reads (deletion cost, mirror pods, the
// legacy seccomp and AppArmor annotations) with values it does not accept.
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "engine/rule.hpp"
#include "model/scalar.hpp"
#include "support/pod_helpers.hpp"
#include "text/suggest.hpp"

namespace podlint {
namespace {

constexpr size_t kMaxAnnotationBytes = 256 * 1024;
constexpr std::string_view kMirror = "kubernetes.io/config.mirror";
constexpr std::string_view kDeletionCost = "controller.kubernetes.io/pod-deletion-cost";
constexpr std::string_view kSeccompPod = "seccomp.security.alpha.kubernetes.io/pod";
constexpr std::string_view kSeccompContainer = "container.seccomp.security.alpha.kubernetes.io/";
constexpr std::string_view kAppArmorContainer = "container.apparmor.security.beta.kubernetes.io/";

struct Annotation {
  const yaml::Node* key;
  const yaml::Node* value;  // a string scalar (others are skipped)
};

std::vector<Annotation> annotations_of(const yaml::Node* metadata, const yaml::Node*& map) {
  std::vector<Annotation> out;
  map = metadata && metadata->is_mapping() ? yaml::find(*metadata, "annotations") : nullptr;
  if (!map || !yaml::resolve(*map).is_mapping()) return out;
  for (const yaml::Pair& pair : yaml::resolve(*map).pairs) {
    const yaml::Node& value = yaml::resolve(*pair.value);
    if (yaml::resolve(*pair.key).is_scalar() && model::scalar_type(value) == model::ScalarType::String)
      out.push_back({pair.key, &value});
  }
  return out;
}

// What a legacy seccomp annotation value means as a seccompProfile: its type
// and, for localhost/, the profile. Empty type when the value is invalid.
struct Profile {
  std::string_view type;
  std::string_view localhost;
};

Profile seccomp_profile(std::string_view value) {
  if (value == "runtime/default" || value == "docker/default") return {"RuntimeDefault", {}};
  if (value == "unconfined") return {"Unconfined", {}};
  if (value.starts_with("localhost/")) return {"Localhost", value.substr(10)};
  return {};
}

Profile apparmor_profile(std::string_view value) {
  if (value == "runtime/default") return {"RuntimeDefault", {}};
  if (value == "unconfined") return {"Unconfined", {}};
  if (value.starts_with("localhost/")) return {"Localhost", value.substr(10)};
  return {};
}

bool local_path(std::string_view path) {
  if (path.empty() || path.starts_with('/')) return false;
  size_t begin = 0;
  while (begin <= path.size()) {
    const size_t end = std::min(path.find('/', begin), path.size());
    if (path.substr(begin, end - begin) == "..") return false;
    begin = end + 1;
  }
  return true;
}

// A securityContext's seccompProfile or appArmorProfile as written.
std::optional<Profile> profile_field(const yaml::Node* owner, std::string_view field) {
  const yaml::Node* sc = owner && owner->is_mapping() ? yaml::find(*owner, "securityContext") : nullptr;
  const yaml::Node* profile = sc && sc->is_mapping() ? yaml::find(*sc, field) : nullptr;
  if (!profile || !profile->is_mapping()) return std::nullopt;
  const yaml::Node* type = yaml::find(*profile, "type");
  const yaml::Node* localhost = yaml::find(*profile, "localhostProfile");
  return Profile{type ? type->value : std::string_view(), localhost ? localhost->value : std::string_view()};
}

bool agree(const Profile& annotation, const Profile& field) {
  return annotation.type == field.type &&
         (annotation.type != "Localhost" || annotation.localhost == field.localhost);
}

class InvalidAnnotation final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-annotation",
        .severity = Severity::Error,
        .category = Category::Metadata,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    const yaml::Node* map = nullptr;
    std::vector<Annotation> annotations = annotations_of(w.metadata, map);
    check_size(annotations, map, reporter);
    if (!w.pod_spec) return;
    // A Pod's own annotations are its pods'; a controller's are its template's.
    if (w.kind.value != "Pod") {
      annotations = annotations_of(w.template_metadata, map);
      check_size(annotations, map, reporter);
    }
    for (const Annotation& a : annotations)
      check_pod_annotation(w, a, reporter);
  }

 private:
  static void check_size(const std::vector<Annotation>& annotations, const yaml::Node* map,
                         Reporter& reporter) {
    size_t total = 0;
    for (const Annotation& a : annotations)
      total += yaml::resolve(*a.key).value.size() + a.value->value.size();
    if (total <= kMaxAnnotationBytes) return;
    reporter.report(map->span,
                    fmt::format("the annotations add up to {} bytes, more than the {} (256 KiB) the "
                                "API server accepts: keep large data in a ConfigMap",
                                total, kMaxAnnotationBytes));
  }

  static void check_pod_annotation(const model::Workload& w, const Annotation& a, Reporter& reporter) {
    const std::string_view key = yaml::resolve(*a.key).value;
    const std::string_view value = a.value->value;
    const model::PodSpec& spec = *w.pod_spec;
    if (key == kMirror) {
      const yaml::Node* node_name = yaml::find(*spec.node, "nodeName");
      if (!node_name || model::scalar_type(*node_name) != model::ScalarType::String ||
          node_name->value.empty())
        reporter.report(a.key->span,
                        fmt::format("annotation \"{}\" marks a mirror pod, which needs spec.nodeName: "
                                    "the kubelet makes mirror pods of its static pods",
                                    key));
    } else if (key == kDeletionCost) {
      const auto cost = model::parse_int(value);
      if (!cost || *cost < INT32_MIN || *cost > INT32_MAX)
        reporter.report(a.value->span,
                        fmt::format("annotation \"{}\" must be a 32-bit integer, not \"{}\"", key, value));
    } else if (key == kSeccompPod || key.starts_with(kSeccompContainer)) {
      check_seccomp(w, a, key, value, reporter);
    } else if (key.starts_with(kAppArmorContainer)) {
      check_apparmor(w, a, key, value, reporter);
    }
  }

  // The container an annotation key names after its prefix, or null.
  static const model::Container* named_container(const model::PodSpec& spec, std::string_view name) {
    for (const model::Container* c : spec.all_containers())
      if (c->name.valid() && c->name.value == name) return c;
    return nullptr;
  }

  static std::vector<std::string_view> container_names(const model::PodSpec& spec) {
    std::vector<std::string_view> names;
    for (const model::Container* c : spec.all_containers())
      if (c->name.valid()) names.push_back(c->name.value);
    return names;
  }

  static void check_seccomp(const model::Workload& w, const Annotation& a, std::string_view key,
                            std::string_view value, Reporter& reporter) {
    const Profile profile = seccomp_profile(value);
    if (profile.type.empty() || (profile.type == "Localhost" && !local_path(profile.localhost))) {
      reporter.report(a.value->span,
                      fmt::format("annotation \"{}\" must be runtime/default, docker/default, unconfined or "
                                  "localhost/ followed by a relative path, not \"{}\"",
                                  key, value));
      return;
    }
    const yaml::Node* owner = w.pod_spec->node;
    if (key != kSeccompPod) {
      const model::Container* c = named_container(*w.pod_spec, key.substr(kSeccompContainer.size()));
      if (!c) return;  // the API server ignores it
      owner = c->node;
    }
    const auto field = profile_field(owner, "seccompProfile");
    if (field && !agree(profile, *field))
      reporter.report(a.value->span,
                      fmt::format("annotation \"{}\" says \"{}\" but the seccompProfile field says "
                                  "type {}: they must agree (better, drop the annotation)",
                                  key, value, field->type));
  }

  static void check_apparmor(const model::Workload& w, const Annotation& a, std::string_view key,
                             std::string_view value, Reporter& reporter) {
    const std::string_view name = key.substr(kAppArmorContainer.size());
    const model::Container* c = named_container(*w.pod_spec, name);
    if (!c) {
      const auto names = container_names(*w.pod_spec);
      reporter.report(a.key->span,
                      fmt::format("annotation \"{}\" names container \"{}\", which the pod does not "
                                  "have{}",
                                  key, name, text::did_you_mean(name, names)));
      return;
    }
    if (value.empty()) return;
    const Profile profile = apparmor_profile(value);
    if (profile.type.empty()) {
      reporter.report(a.value->span, fmt::format("annotation \"{}\" must be runtime/default, unconfined or "
                                                 "localhost/PROFILE, not \"{}\"",
                                                 key, value));
      return;
    }
    auto field = profile_field(c->node, "appArmorProfile");
    if (!field) field = profile_field(w.pod_spec->node, "appArmorProfile");
    if (field && !agree(profile, *field))
      reporter.report(a.value->span,
                      fmt::format("annotation \"{}\" says \"{}\" but the appArmorProfile field says "
                                  "type {}: they must agree (better, drop the annotation)",
                                  key, value, field->type));
  }
};

PODLINT_REGISTER_RULE(InvalidAnnotation);

}  // namespace
}  // namespace podlint
