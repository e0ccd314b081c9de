#include "selector.hpp"

#include <string>
#include <utility>
#include <vector>

#include "engine/edits.hpp"
#include "model/scalar.hpp"

namespace podlint::rules {

std::optional<Edit> selector_from_pod_labels(const model::Workload& workload, std::string_view source) {
  const yaml::Node* labels = workload.pod_labels;
  if (workload.object == nullptr || labels == nullptr || !labels->is_mapping() || labels->pairs.empty())
    return std::nullopt;
  const auto as_written = [&](const yaml::Node& node) -> std::optional<NewValue> {
    const bool single_line = node.span.begin.line == node.span.end.line;
    if (!node.is_scalar() || node.span.end.offset > source.size() || !single_line) return std::nullopt;
    return NewValue::raw(
        std::string(source.substr(node.span.begin.offset, node.span.end.offset - node.span.begin.offset)));
  };
  std::vector<std::pair<NewValue, NewValue>> match_labels;
  for (const yaml::Pair& pair : labels->pairs) {
    if (pair.key->is_scalar() && pair.key->value == "<<" && pair.key->style == yaml::ScalarStyle::Plain)
      return std::nullopt;
    auto key = as_written(*pair.key);
    auto value = as_written(*pair.value);
    if (!key || !value || model::scalar_type(*pair.value) == model::ScalarType::Null) return std::nullopt;
    match_labels.emplace_back(std::move(*key), std::move(*value));
  }
  const yaml::Node* spec = yaml::find(*workload.object, "spec");
  if (spec == nullptr || !spec->is_mapping()) return std::nullopt;
  static constexpr std::string_view kBefore[] = {"template"};
  const NewValue selector = NewValue::mapping(
      {{NewValue::string("matchLabels"), NewValue::mapping(std::move(match_labels), labels->flow)}},
      labels->flow);
  return Editor(source, workload.object).insert_pair(*spec, NewValue::string("selector"), selector, kBefore);
}

}  // namespace podlint::rules
