#include "fields.hpp"

namespace podlint::rules {

const yaml::Node* field(const yaml::Node* mapping, std::string_view name) {
  if (!mapping) return nullptr;
  const yaml::Node& m = yaml::resolve(*mapping);
  if (!m.is_mapping()) return nullptr;
  const yaml::Node* value = yaml::find(m, name);
  if (!value || model::scalar_type(*value) == model::ScalarType::Null) return nullptr;
  return &yaml::resolve(*value);
}

const yaml::Node* mapping_field(const yaml::Node* mapping, std::string_view name) {
  const yaml::Node* value = field(mapping, name);
  return value && value->is_mapping() ? value : nullptr;
}

const yaml::Node* key_of(const yaml::Node* mapping, std::string_view name) {
  if (!mapping) return nullptr;
  const yaml::Node& m = yaml::resolve(*mapping);
  const yaml::Node* found = nullptr;
  for (const yaml::Pair& pair : m.pairs)
    if (yaml::resolve(*pair.key).is_scalar() && yaml::resolve(*pair.key).value == name) found = pair.key;
  return found;
}

yaml::Span field_span(const yaml::Node* mapping, std::string_view name) {
  if (const yaml::Node* key = key_of(mapping, name)) return key->span;
  return mapping ? mapping->span : yaml::Span{};
}

std::optional<std::string_view> string_value(const yaml::Node* node) {
  if (!node || model::scalar_type(*node) != model::ScalarType::String) return std::nullopt;
  return yaml::resolve(*node).value;
}

std::optional<int64_t> int_value(const yaml::Node* node) {
  return node ? model::parse_int(*node) : std::nullopt;
}

std::optional<bool> bool_value(const yaml::Node* node) {
  return node ? model::parse_bool(*node) : std::nullopt;
}

std::vector<const yaml::Node*> items(const yaml::Node* sequence) {
  std::vector<const yaml::Node*> out;
  if (!sequence || !yaml::resolve(*sequence).is_sequence()) return out;
  for (const yaml::Node* item : yaml::resolve(*sequence).items)
    out.push_back(&yaml::resolve(*item));
  return out;
}

}  // namespace podlint::rules
