// How Kubernetes types a YAML scalar: it decodes YAML to JSON first, resolving
// plain scalars with the YAML 1.2 core schema (so `yes` and `on` are strings,
// `80` is an integer, `"80"` a string). The one place that decides this, for
// the model, schema validation and rules alike.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "yaml/document.hpp"

namespace podlint::model {

// Collection: no scalar at all (a mapping, a sequence, an unresolved alias).
enum class ScalarType { Null, Bool, Int, Float, String, Collection };

// The type of a node (aliases followed). Standard tags (!!str, !!int, !!bool,
// !!float, !!null) decide over the content; quoted and block scalars, the
// non-specific tag "!" and local tags are strings.
ScalarType scalar_type(const yaml::Node& node);

// What a value is, as messages name it: "null", "a boolean", "an integer",
// "a float", "a string", "a list" or "a mapping".
std::string_view describe_type(const yaml::Node& node);

// A value in words, for "expected X, found Y": "nothing", "the boolean
// true", "the number 3", "\"text\"", "a list" or "a mapping".
std::string describe_value(const yaml::Node& node);

// Core-schema resolution of untagged plain scalar text.
ScalarType plain_scalar_type(std::string_view text);

// The value of an integer scalar: decimal with an optional sign, 0o octal,
// 0x hexadecimal. Empty when the node is not an integer or does not fit int64.
std::optional<int64_t> parse_int(const yaml::Node& node);
std::optional<int64_t> parse_int(std::string_view text);

// The value of a boolean scalar; empty when the node is not a boolean.
std::optional<bool> parse_bool(const yaml::Node& node);

}  // namespace podlint::model
