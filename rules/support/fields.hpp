// Reading fields the typed model does not carry, for rules that check rarely
// used corners of a spec: a mapping's value or key by name, typed scalars,
// list items. Lookups follow aliases and merge keys (yaml::find); anything of
// the wrong type reads as absent (the schema rules report types).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "model/scalar.hpp"
#include "yaml/document.hpp"

namespace podlint::rules {

// The value of `name` in `mapping`, resolved; null when either is absent or
// `mapping` is no mapping, or the value is null.
const yaml::Node* field(const yaml::Node* mapping, std::string_view name);
// field() when the value is a mapping, else null.
const yaml::Node* mapping_field(const yaml::Node* mapping, std::string_view name);
// The key node of `name` in `mapping` itself (merged keys are not found).
const yaml::Node* key_of(const yaml::Node* mapping, std::string_view name);
// Where a finding about the field `name` goes: its key, else the mapping.
yaml::Span field_span(const yaml::Node* mapping, std::string_view name);

std::optional<std::string_view> string_value(const yaml::Node* node);
std::optional<int64_t> int_value(const yaml::Node* node);
std::optional<bool> bool_value(const yaml::Node* node);

// The items of a sequence, resolved; empty for anything else.
std::vector<const yaml::Node*> items(const yaml::Node* sequence);

}  // namespace podlint::rules
