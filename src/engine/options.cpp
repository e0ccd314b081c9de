#include "engine/options.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "model/scalar.hpp"
#include "text/suggest.hpp"

namespace podlint {

namespace {

using model::ScalarType;

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ')
    s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ')
    s.remove_suffix(1);
  return s;
}

bool is_scalar_value(const yaml::Node& node) {
  const ScalarType type = model::scalar_type(node);
  return type == ScalarType::String || type == ScalarType::Int || type == ScalarType::Float;
}

// Whether `text` reads back as the same string when written plain in a flow
// collection.
bool plain_safe(std::string_view text) {
  if (text.empty() || model::plain_scalar_type(text) != ScalarType::String) return false;
  for (const char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == '_' || c == '/';
    if (!ok) return false;
  }
  return true;
}

std::string quoted(std::string_view text) {
  if (plain_safe(text)) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

std::string_view type_word(OptionType type) {
  switch (type) {
    case OptionType::Bool:
      return "boolean";
    case OptionType::Integer:
      return "integer";
    case OptionType::String:
      return "string";
    case OptionType::List:
      return "list";
    case OptionType::Enum:
      break;
  }
  return "one of";
}

}  // namespace

std::optional<OptionValue> OptionSpec::parse(const yaml::Node& raw, std::string& error,
                                             const yaml::Node*& where) const {
  const yaml::Node& node = yaml::resolve(raw);
  where = &node;
  const auto fail = [&](std::string message) -> std::optional<OptionValue> {
    error = std::move(message);
    return std::nullopt;
  };
  const auto checked = [&](std::string_view item, const yaml::Node& at) {
    if (check_item_ == nullptr) return true;
    std::string problem = check_item_(item);
    if (problem.empty()) return true;
    where = &at;
    error = std::move(problem);
    return false;
  };
  switch (type_) {
    case OptionType::Bool:
      if (const auto value = model::parse_bool(node)) return *value;
      return fail(fmt::format("expected true or false, found {}", model::describe_value(node)));
    case OptionType::Integer: {
      const auto value = model::parse_int(node);
      if (value && *value >= minimum_ && *value <= maximum_) return *value;
      return fail(fmt::format("expected an integer from {} to {}, found {}", minimum_, maximum_,
                              model::describe_value(node)));
    }
    case OptionType::String:
      if (!is_scalar_value(node))
        return fail(fmt::format("expected a string, found {}", model::describe_value(node)));
      if (!checked(node.value, node)) return std::nullopt;
      return std::string(node.value);
    case OptionType::Enum: {
      const bool known = model::scalar_type(node) == ScalarType::String &&
                         std::find(allowed_.begin(), allowed_.end(), node.value) != allowed_.end();
      if (known) return std::string(node.value);
      std::string list;
      for (size_t i = 0; i < allowed_.size(); ++i)
        list += fmt::format("{}{}", i == 0 ? "" : i + 1 == allowed_.size() ? " or " : ", ", allowed_[i]);
      std::string message = fmt::format("expected {}, found {}", list, model::describe_value(node));
      if (node.is_scalar()) message += text::did_you_mean(node.value, allowed_);
      return fail(std::move(message));
    }
    case OptionType::List:
      break;
  }
  std::vector<std::string> items;
  if (node.is_sequence()) {
    for (const yaml::Node* raw_item : node.items) {
      const yaml::Node& item = yaml::resolve(*raw_item);
      if (!is_scalar_value(item) || trim(item.value).empty()) {
        where = &item;
        return fail(fmt::format("expected a list item, found {}", model::describe_value(item)));
      }
      if (!checked(trim(item.value), item)) return std::nullopt;
      items.emplace_back(trim(item.value));
    }
    return items;
  }
  if (model::scalar_type(node) != ScalarType::String)
    return fail(
        fmt::format("expected a list or a comma-separated string, found {}", model::describe_value(node)));
  std::string_view rest = node.value;
  while (true) {
    const size_t comma = rest.find(',');
    const std::string_view item = trim(rest.substr(0, comma));
    if (item.empty()) return fail(fmt::format("an empty item in \"{}\"", node.value));
    if (!checked(item, node)) return std::nullopt;
    items.emplace_back(item);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return items;
}

std::string OptionSpec::format(const OptionValue& value) const {
  switch (type_) {
    case OptionType::Bool:
      return std::get<bool>(value) ? "true" : "false";
    case OptionType::Integer:
      return std::to_string(std::get<int64_t>(value));
    case OptionType::String:
    case OptionType::Enum:
      return quoted(std::get<std::string>(value));
    case OptionType::List:
      break;
  }
  std::string out = "[";
  for (const std::string& item : std::get<std::vector<std::string>>(value)) {
    if (out.size() > 1) out += ", ";
    out += quoted(item);
  }
  return out + ']';
}

std::string OptionSpec::signature() const {
  std::string type(type_word(type_));
  if (type_ == OptionType::Enum) {
    for (size_t i = 0; i < allowed_.size(); ++i)
      type += fmt::format("{}`{}`", i == 0 ? " " : ", ", allowed_[i]);
  } else if (type_ == OptionType::Integer && (minimum_ != INT64_MIN || maximum_ != INT64_MAX)) {
    type += fmt::format(" from {} to {}", minimum_, maximum_);
  }
  return fmt::format("({}, default `{}`)", type, format(default_));
}

}  // namespace podlint
