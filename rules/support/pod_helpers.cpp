#include "pod_helpers.hpp"

#include <algorithm>

#include "model/scalar.hpp"

namespace podlint::rules {

std::string describe(const model::Container& container) {
  if (!container.name.valid() || container.name.value.empty()) {
    // An unnamed container is known by its place: "containers[2]".
    return std::string(container.list_name()) + "[" + std::to_string(container.index) + "]";
  }
  std::string_view what = "container";
  if (container.is_sidecar())
    what = "sidecar";
  else if (container.kind == model::ContainerKind::Init)
    what = "init container";
  else if (container.kind == model::ContainerKind::Ephemeral)
    what = "ephemeral container";
  return std::string(what) + " \"" + std::string(container.name.value) + "\"";
}

std::string describe_object(std::string_view kind, std::string_view name) {
  if (kind.empty()) kind = "object";
  return name.empty() ? "this " + std::string(kind) : std::string(kind) + " \"" + std::string(name) + "\"";
}

yaml::Span container_span(const model::Container& container) {
  if (container.name.present()) return container.name.span();
  return container.node ? container.node->span : yaml::Span{};
}

std::vector<NamedProbe> probes_of(const model::Container& container) {
  std::vector<NamedProbe> out;
  if (container.liveness_probe) out.push_back({"livenessProbe", &*container.liveness_probe});
  if (container.readiness_probe) out.push_back({"readinessProbe", &*container.readiness_probe});
  if (container.startup_probe) out.push_back({"startupProbe", &*container.startup_probe});
  return out;
}

bool is_null(const yaml::Node* node) {
  return node == nullptr || model::scalar_type(*node) == model::ScalarType::Null;
}

bool same_yaml(const yaml::Node* a, const yaml::Node* b) {
  if (!a || !b) return a == b;
  const yaml::Node& x = yaml::resolve(*a);
  const yaml::Node& y = yaml::resolve(*b);
  if (x.kind != y.kind) return false;
  if (x.is_scalar()) {
    const bool x_plain = x.style == yaml::ScalarStyle::Plain, y_plain = y.style == yaml::ScalarStyle::Plain;
    return x.value == y.value && x_plain == y_plain;
  }
  if (x.is_sequence()) {
    return std::equal(x.items.begin(), x.items.end(), y.items.begin(), y.items.end(),
                      [](const yaml::Node* p, const yaml::Node* q) { return same_yaml(p, q); });
  }
  if (x.pairs.size() != y.pairs.size()) return false;
  return std::all_of(x.pairs.begin(), x.pairs.end(), [&](const yaml::Pair& pair) {
    const yaml::Node& key = yaml::resolve(*pair.key);
    return key.is_scalar() && same_yaml(pair.value, yaml::find(y, key.value));
  });
}

}  // namespace podlint::rules
