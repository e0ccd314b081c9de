// Small helpers shared by the probe and resource rules.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/pod.hpp"

namespace podlint::rules {

// `container "web"`, `init container "setup"`, `sidecar "proxy"`,
// `ephemeral container "debug"`; an unnamed one by its place: `containers[2]`.
std::string describe(const model::Container& container);

// `Deployment "web"`, or `this Deployment` without a name; `object` without a kind.
std::string describe_object(std::string_view kind, std::string_view name);

// Where a finding about a whole container goes: its name, else its mapping.
yaml::Span container_span(const model::Container& container);

struct NamedProbe {
  std::string_view field;  // "livenessProbe"
  const model::Probe* probe;
};

// The probes a container sets, in liveness, readiness, startup order.
std::vector<NamedProbe> probes_of(const model::Container& container);

// Whether two YAML values say the same thing: equal scalars (quoted or not
// alike), mappings with the same keys and values in any order, equal sequences.
bool same_yaml(const yaml::Node* a, const yaml::Node* b);

// A value left empty or written null: the API treats it as unset.
bool is_null(const yaml::Node* node);

}  // namespace podlint::rules
