// Typed rule options. A rule declares each of its options as a constant of
// one of the types below (name, default, constraints) and reads it back typed
// (Reporter::option). The configuration checks a value against its
// declaration once, when the file is loaded, with the value's position.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "yaml/document.hpp"

namespace podlint {

enum class OptionType : uint8_t { Bool, Integer, String, List, Enum };

// A value of any type; the alternative is the option's type's (Enum: a string).
using OptionValue = std::variant<bool, int64_t, std::string, std::vector<std::string>>;

class OptionSpec {
 public:
  std::string_view name() const { return name_; }
  OptionType type() const { return type_; }
  const OptionValue& default_value() const { return default_; }
  std::span<const std::string_view> allowed() const { return allowed_; }  // Enum
  int64_t minimum() const { return minimum_; }                            // Integer
  int64_t maximum() const { return maximum_; }                            // Integer

  // Reads a configuration value. A List takes a sequence of scalars or one
  // comma-separated string. On a bad value returns nothing and sets `error`
  // and `where` (the node at fault).
  std::optional<OptionValue> parse(const yaml::Node& node, std::string& error,
                                   const yaml::Node*& where) const;

  // A value as YAML (plain where that reads back the same, else quoted):
  // `false`, `3`, `[requests.cpu, limits.memory]`.
  std::string format(const OptionValue& value) const;
  // "(list, default `[requests.cpu, limits.memory]`)": how a rule's page
  // introduces the option (a test keeps the pages true to the declarations).
  std::string signature() const;

 protected:
  using ItemCheck = std::string (*)(std::string_view item);  // a problem with a string or list item

  OptionSpec(std::string_view name, OptionType type, OptionValue default_value)
      : name_(name), type_(type), default_(std::move(default_value)) {}

  std::string_view name_;
  OptionType type_;
  OptionValue default_;
  std::span<const std::string_view> allowed_;
  int64_t minimum_ = INT64_MIN;
  int64_t maximum_ = INT64_MAX;
  ItemCheck check_item_ = nullptr;
};

struct BoolOption : OptionSpec {
  using value_type = bool;
  BoolOption(std::string_view name, bool default_value) : OptionSpec(name, OptionType::Bool, default_value) {}
  static bool get(const OptionValue& v) { return std::get<bool>(v); }
};

struct IntegerOption : OptionSpec {
  using value_type = int64_t;
  IntegerOption(std::string_view name, int64_t default_value, int64_t minimum, int64_t maximum)
      : OptionSpec(name, OptionType::Integer, default_value) {
    minimum_ = minimum;
    maximum_ = maximum;
  }
  static int64_t get(const OptionValue& v) { return std::get<int64_t>(v); }
};

struct StringOption : OptionSpec {
  using value_type = std::string;
  StringOption(std::string_view name, std::string default_value, ItemCheck check = nullptr)
      : OptionSpec(name, OptionType::String, std::move(default_value)) {
    check_item_ = check;
  }
  static const std::string& get(const OptionValue& v) { return std::get<std::string>(v); }
};

// A list of strings; `check` vets each item.
struct ListOption : OptionSpec {
  using value_type = std::vector<std::string>;
  ListOption(std::string_view name, std::vector<std::string> default_value, ItemCheck check = nullptr)
      : OptionSpec(name, OptionType::List, std::move(default_value)) {
    check_item_ = check;
  }
  static const std::vector<std::string>& get(const OptionValue& v) {
    return std::get<std::vector<std::string>>(v);
  }
};

// One of a fixed set of words.
struct EnumOption : OptionSpec {
  using value_type = std::string;
  EnumOption(std::string_view name, std::span<const std::string_view> allowed, std::string_view default_value)
      : OptionSpec(name, OptionType::Enum, std::string(default_value)) {
    allowed_ = allowed;
  }
  static const std::string& get(const OptionValue& v) { return std::get<std::string>(v); }
};

}  // namespace podlint
