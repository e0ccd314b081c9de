// Helpers shared by the ports rules: port protocols, and which containers run
// side by side.
#pragma once

#include <string_view>

#include "model/pod.hpp"

namespace podlint::rules {

// A port's protocol; the API defaults an absent or empty one to TCP. Empty
// when the protocol is not a string (the schema rules report that).
inline std::string_view protocol_of(const model::ContainerPort& port) {
  if (!port.protocol.present()) return "TCP";
  if (!port.protocol.valid()) return {};
  return port.protocol.value.empty() ? std::string_view("TCP") : port.protocol.value;
}

// Whether two different containers of one pod can be running at the same
// time, and so share the pod's network namespace at once. Plain init
// containers run one after another and finish before the regular containers
// start, but each runs beside the sidecars declared before it. Ephemeral
// containers cannot declare ports and are left out.
inline bool run_side_by_side(const model::Container& a, const model::Container& b) {
  using model::ContainerKind;
  if (a.kind == ContainerKind::Ephemeral || b.kind == ContainerKind::Ephemeral) return false;
  const bool a_plain_init = a.kind == ContainerKind::Init && !a.is_sidecar();
  const bool b_plain_init = b.kind == ContainerKind::Init && !b.is_sidecar();
  if (a_plain_init && b_plain_init) return false;
  if (a_plain_init) return b.is_sidecar() && b.index < a.index;
  if (b_plain_init) return a.is_sidecar() && a.index < b.index;
  return true;
}

}  // namespace podlint::rules
