#include "run_objects.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace podlint::rules {

bool same_namespace(std::string_view a, std::string_view b) {
  return (a.empty() ? "default" : a) == (b.empty() ? "default" : b);
}

std::vector<const IndexedObject*> pod_makers(const RunIndex& index, std::string_view namespace_) {
  std::vector<const IndexedObject*> out;
  for (const IndexedObject& o : index.objects())
    if (o.makes_pods && same_namespace(o.ref.namespace_, namespace_)) out.push_back(&o);
  return out;
}

std::vector<const IndexedObject*> selected(const std::vector<const IndexedObject*>& makers,
                                           const model::LabelSelector& selector) {
  std::vector<const IndexedObject*> out;
  for (const IndexedObject* o : makers)
    if (selector.matches(o->pod_labels)) out.push_back(o);
  return out;
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
