// A workload's selector made from its pod template's labels: what the
// apps/v1 controllers require and their old versions filled in by
// themselves. For the fixes that add one.
#pragma once

#include <optional>
#include <string_view>

#include "engine/diagnostic.hpp"
#include "model/pod.hpp"

namespace podlint::rules {

// The edit that adds `selector: {matchLabels: ...}` to the workload's spec,
// before its template: the pod template's labels copied as they are written
// (quotes and all), in flow style when they are. None when the template has
// no labels to copy (none, an empty mapping, aliases or merge keys among
// them) or the workload has no spec mapping to put it in.
std::optional<Edit> selector_from_pod_labels(const model::Workload& workload, std::string_view source);

}  // namespace podlint::rules
