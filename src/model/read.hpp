// How the model reads YAML as Kubernetes decodes it: a mapping's entries
// (merge keys followed, the last of duplicate keys winning), typed fields,
// lists. Shared by the model's readers (pod.cpp, objects.cpp); rules read the
// model instead.
#pragma once

#include <string_view>
#include <vector>

#include "model/pod.hpp"
#include "model/scalar.hpp"

namespace podlint::model::read {

using yaml::Node;

// Merge chains deeper than this are surely not hand-written manifests.
inline constexpr int kMaxMergeDepth = 32;

inline bool is_merge_key(const Node& key) {
  return key.is_scalar() && key.style == yaml::ScalarStyle::Plain && key.value == "<<" &&
         (key.tag.empty() || key.tag == "tag:yaml.org,2002:merge");
}

// Calls visit(name, key, value) for every entry of a mapping, lowest priority
// first, so that a visitor that simply overwrites ends with what Kubernetes
// sees: merged mappings first (later sources before earlier ones, which win),
// then the mapping's own keys in source order (a duplicate key's last
// occurrence wins, as in JSON decoding). Values are alias-resolved.
template <class Visit>
void visit_entries(const Node& mapping, Visit& visit, int depth = 0) {
  const Node& m = yaml::resolve(mapping);
  if (!m.is_mapping() || depth > kMaxMergeDepth) return;
  for (auto it = m.pairs.rbegin(); it != m.pairs.rend(); ++it) {
    if (!is_merge_key(*it->key)) continue;
    const Node& source = yaml::resolve(*it->value);
    if (source.is_sequence()) {
      for (auto item = source.items.rbegin(); item != source.items.rend(); ++item)
        visit_entries(**item, visit, depth + 1);
    } else {
      visit_entries(source, visit, depth + 1);
    }
  }
  for (const yaml::Pair& pair : m.pairs) {
    if (is_merge_key(*pair.key)) continue;
    const Node& key = yaml::resolve(*pair.key);
    if (key.is_scalar()) visit(key.value, *pair.key, yaml::resolve(*pair.value));
  }
}

// Calls fn(index, item) for each item of a sequence (aliases resolved);
// nothing when the node is no sequence.
template <class Fn>
void for_each_item(const Node& sequence, Fn&& fn) {
  if (!sequence.is_sequence()) return;
  for (size_t i = 0; i < sequence.items.size(); ++i)
    fn(i, yaml::resolve(*sequence.items[i]));
}

inline bool is_null(const Node& node) {
  return scalar_type(node) == ScalarType::Null;
}

inline bool decode(const Node& node, std::string_view& out) {
  if (scalar_type(node) != ScalarType::String) return false;
  out = node.value;
  return true;
}

inline bool decode(const Node& node, int64_t& out) {
  const auto v = parse_int(node);
  if (v) out = *v;
  return v.has_value();
}

inline bool decode(const Node& node, bool& out) {
  const auto v = parse_bool(node);
  if (v) out = *v;
  return v.has_value();
}

inline bool decode(const Node& node, IntOrString& out) {
  switch (scalar_type(node)) {
    case ScalarType::Int:
      out.is_int = true;
      out.text = node.value;
      return decode(node, out.number);
    case ScalarType::String:
      out.text = node.value;
      return true;
    default:
      return false;
  }
}

// Replaces the field (a later duplicate key overwrites an earlier one).
template <class T>
void assign(Field<T>& field, const Node* key, const Node& value) {
  field = Field<T>{};
  field.key = key;
  field.node = &value;
  field.has_value = decode(value, field.value);
  if (!field.has_value) field.value = T{};
}

// The items of a list of scalars, each a field without a key.
template <class T = std::string_view>
std::vector<Field<T>> parse_scalar_list(const Node& node) {
  std::vector<Field<T>> list;
  for_each_item(node, [&](size_t, const Node& item) {
    list.emplace_back();
    assign(list.back(), nullptr, item);
  });
  return list;
}

// Items that are no mappings are skipped (schema validation reports them);
// they keep their place in the numbering.
template <class T, class Parse>
std::vector<T> parse_list(const Node& node, Parse&& parse) {
  std::vector<T> list;
  if (node.is_sequence()) list.reserve(node.items.size());
  for_each_item(node, [&](size_t i, const Node& item) {
    if (item.is_mapping()) list.push_back(parse(i, item));
  });
  return list;
}

// The value of one key of a mapping (last occurrence, merges followed); null
// when absent or when `mapping` is null or no mapping.
inline const Node* child(const Node* mapping, std::string_view wanted) {
  const Node* found = nullptr;
  if (!mapping) return found;
  auto visit = [&](std::string_view name, const Node&, const Node& value) {
    if (name == wanted) found = &value;
  };
  visit_entries(*mapping, visit);
  return found;
}

inline const Node* mapping_or_null(const Node* node) {
  return node && node->is_mapping() ? node : nullptr;
}

}  // namespace podlint::model::read
