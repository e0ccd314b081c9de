// Kubernetes resource quantities (resource.Quantity): one parser for every
// rule that reads requests and limits, exact for the values people write.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/pod.hpp"

namespace podlint::rules {

// A parsed quantity, in thousandths of its unit: the API keeps at most three
// decimal places (rounding up, so 0.1m is 1m) and caps the magnitude at
// 2^63-1 units. A 128-bit integer holds both limits exactly.
struct Quantity {
  __int128 milli = 0;

  bool negative() const { return milli < 0; }
  bool is_integer() const { return milli % 1000 == 0; }
  friend auto operator<=>(const Quantity&, const Quantity&) = default;
};

struct ParsedQuantity {
  bool ok = false;
  Quantity value;
  // When not ok: why ("unknown suffix \"MB\""), and corrected spellings of
  // the whole text worth suggesting ("512M", "512Mi"), best first.
  std::string problem;
  std::vector<std::string> suggestions;
  // The first suggestion is the only way to read the text (1MiB is 1Mi; 1MB
  // may be 1M or 1Mi, 1,000m may be 1m or 1000m).
  bool certain = false;
};

ParsedQuantity parse_quantity(std::string_view text);

// Resource names, as the API classifies them.
bool is_hugepages(std::string_view name);  // hugepages-2Mi
// A prefixed name outside kubernetes.io: example.com/gpu, nvidia.com/gpu.
bool is_extended_resource(std::string_view name);
// Extended resources and hugepages cannot be overcommitted: their request
// must equal their limit. The rest (cpu, memory...) may request less.
bool is_overcommittable(std::string_view name);

// "memory request", "nvidia.com/gpu limit".
std::string entry_label(const model::ResourceQuantity& entry, bool is_limit);

// Whether an entry holds a scalar that says something (not null, not a
// mapping or list: those are schema validation's business).
bool has_quantity_text(const model::ResourceQuantity& entry);

// The value of an entry, when it has one that parses.
std::optional<Quantity> entry_quantity(const model::ResourceQuantity& entry);

// The entry of a list naming a resource, or null.
const model::ResourceQuantity* find_entry(const std::vector<model::ResourceQuantity>& list,
                                          std::string_view name);

}  // namespace podlint::rules
