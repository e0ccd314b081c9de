#include "pod_helpers.hpp"

#include <algorithm>

namespace podlint::rules {

std::string describe(const model::Container& container) {
  if (!container.name.valid() || container.name.value.empty()) {
    // pod.hpp documents list_name() as "containers[2]", but it may omit the index.
    std::string place(container.list_name());
    if (place.find('[') == std::string::npos)
      place.append("[").append(std::to_string(container.index)).append("]");
    return place;
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
  if (!node) return true;
  const yaml::Node& n = yaml::resolve(*node);
  return n.is_scalar() && n.style == yaml::ScalarStyle::Plain &&
         (n.value.empty() || n.value == "~" || n.value == "null" || n.value == "Null" || n.value == "NULL");
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
