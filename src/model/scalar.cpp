#include "model/scalar.hpp"

#include <limits>

namespace podlint::model {
namespace {

constexpr std::string_view kTagPrefix = "tag:yaml.org,2002:";

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int digit_value(char c, int base) {
  int v = -1;
  if (c >= '0' && c <= '9') v = c - '0';
  if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
  if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
  return v < base ? v : -1;
}

// Digits of `base` only, at least one.
bool all_digits(std::string_view s, int base) {
  if (s.empty()) return false;
  for (char c : s)
    if (digit_value(c, base) < 0) return false;
  return true;
}

bool is_int_text(std::string_view s) {
  if (s.starts_with("0o")) return all_digits(s.substr(2), 8);
  if (s.starts_with("0x")) return all_digits(s.substr(2), 16);
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  return all_digits(s, 10);
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? and .inf/.nan forms.
bool is_float_text(std::string_view s) {
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return true;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  if (s == ".inf" || s == ".Inf" || s == ".INF") return true;
  size_t i = 0;
  size_t int_digits = 0;
  while (i < s.size() && is_digit(s[i]))
    ++i, ++int_digits;
  size_t frac_digits = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i]))
      ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (i == s.size()) return false;
    while (i < s.size() && is_digit(s[i]))
      ++i;
  }
  return i == s.size();
}

}  // namespace

std::string_view describe_type(const yaml::Node& node) {
  switch (scalar_type(node)) {
    case ScalarType::Null:
      return "null";
    case ScalarType::Bool:
      return "a boolean";
    case ScalarType::Int:
      return "an integer";
    case ScalarType::Float:
      return "a float";
    case ScalarType::String:
      return "a string";
    case ScalarType::Collection:
      break;
  }
  return yaml::resolve(node).is_sequence() ? "a list" : "a mapping";
}

std::string describe_value(const yaml::Node& node) {
  const yaml::Node& value = yaml::resolve(node);
  switch (scalar_type(value)) {
    case ScalarType::Null:
      return "nothing";
    case ScalarType::Bool:
      return "the boolean " + std::string(value.value);
    case ScalarType::Int:
    case ScalarType::Float:
      return "the number " + std::string(value.value);
    case ScalarType::String: {
      std::string quoted = "\"";
      quoted.append(value.value).push_back('"');
      return quoted;
    }
    case ScalarType::Collection:
      break;
  }
  return value.is_sequence() ? "a list" : "a mapping";
}

ScalarType plain_scalar_type(std::string_view s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return ScalarType::Null;
  if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE")
    return ScalarType::Bool;
  if (is_int_text(s)) return ScalarType::Int;
  if (is_float_text(s)) return ScalarType::Float;
  return ScalarType::String;
}

ScalarType scalar_type(const yaml::Node& raw) {
  const yaml::Node& node = yaml::resolve(raw);
  if (!node.is_scalar()) return ScalarType::Collection;
  if (node.tag.starts_with(kTagPrefix)) {
    const std::string_view name = node.tag.substr(kTagPrefix.size());
    if (name == "str") return ScalarType::String;
    if (name == "int") return ScalarType::Int;
    if (name == "float") return ScalarType::Float;
    if (name == "bool") return ScalarType::Bool;
    if (name == "null") return ScalarType::Null;
    return ScalarType::String;
  }
  if (!node.tag.empty() || node.style != yaml::ScalarStyle::Plain) return ScalarType::String;
  return plain_scalar_type(node.value);
}

std::optional<int64_t> parse_int(std::string_view s) {
  if (!is_int_text(s)) return std::nullopt;
  bool negative = false;
  int base = 10;
  if (s.starts_with("0o")) {
    base = 8;
    s.remove_prefix(2);
  } else if (s.starts_with("0x")) {
    base = 16;
    s.remove_prefix(2);
  } else if (s[0] == '-' || s[0] == '+') {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  // Accumulate the magnitude unsigned so that INT64_MIN still fits.
  const uint64_t limit = negative ? uint64_t{1} << 63 : uint64_t{std::numeric_limits<int64_t>::max()};
  uint64_t magnitude = 0;
  for (char c : s) {
    const auto d = static_cast<uint64_t>(digit_value(c, base));
    if (magnitude > (limit - d) / static_cast<uint64_t>(base)) return std::nullopt;
    magnitude = magnitude * static_cast<uint64_t>(base) + d;
  }
  if (!negative) return static_cast<int64_t>(magnitude);
  return magnitude == (uint64_t{1} << 63) ? std::numeric_limits<int64_t>::min()
                                          : -static_cast<int64_t>(magnitude);
}

std::optional<int64_t> parse_int(const yaml::Node& raw) {
  const yaml::Node& node = yaml::resolve(raw);
  if (scalar_type(node) != ScalarType::Int) return std::nullopt;
  return parse_int(node.value);
}

std::optional<bool> parse_bool(const yaml::Node& raw) {
  const yaml::Node& node = yaml::resolve(raw);
  if (scalar_type(node) != ScalarType::Bool) return std::nullopt;
  const std::string_view v = node.value;
  if (v == "true" || v == "True" || v == "TRUE") return true;
  if (v == "false" || v == "False" || v == "FALSE") return false;
  return std::nullopt;  // !!bool on text that is no boolean
}

}  // namespace podlint::model
