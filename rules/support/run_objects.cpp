#include "run_objects.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <span>

namespace podlint::rules {

std::vector<const IndexedObject*> pod_makers(const RunIndex& index, std::string_view namespace_) {
  std::vector<const IndexedObject*> out;
  for (const uint32_t position : index.pod_makers(namespace_))
    out.push_back(&index.objects()[position]);
  return out;
}

namespace {

// The pod makers of a namespace that could match a selector: those with the
// rarest of its matchLabels.
std::span<const uint32_t> candidates(const RunIndex& index, std::string_view namespace_,
                                     const model::LabelSelector& selector) {
  std::span<const uint32_t> fewest = index.pod_makers(namespace_);
  for (const auto& [label, value] : selector.match_labels) {
    const std::span<const uint32_t> labelled = index.pod_makers_labelled(namespace_, label, value);
    if (labelled.size() < fewest.size()) fewest = labelled;
  }
  return fewest;
}

}  // namespace

std::vector<const IndexedObject*> selected_pod_makers(const RunIndex& index, std::string_view namespace_,
                                                      const model::LabelSelector& selector) {
  std::vector<const IndexedObject*> out;
  for (const uint32_t position : candidates(index, namespace_, selector)) {
    const IndexedObject& object = index.objects()[position];
    if (selector.matches(object.pod_labels)) out.push_back(&object);
  }
  return out;
}

bool selects_pod_maker(const RunIndex& index, std::string_view namespace_,
                       const model::LabelSelector& selector) {
  const std::span<const uint32_t> found = candidates(index, namespace_, selector);
  return std::any_of(found.begin(), found.end(), [&](uint32_t position) {
    return selector.matches(index.objects()[position].pod_labels);
  });
}

std::vector<const IndexedObject*> serving_pods(std::vector<const IndexedObject*> selected) {
  const bool long_running = std::any_of(selected.begin(), selected.end(),
                                        [](const IndexedObject* o) { return !o->runs_to_completion; });
  if (long_running) std::erase_if(selected, [](const IndexedObject* o) { return o->runs_to_completion; });
  return selected;
}

std::string describe_indexed(const IndexedObject& object, std::string_view input) {
  const std::string name = fmt::format("{} \"{}\"", object.ref.kind, object.ref.name);
  if (object.input == input) return name;
  return fmt::format("{} ({}:{})", name, object.input, object.span.begin.line);
}

}  // namespace podlint::rules
