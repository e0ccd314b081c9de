#include "schema/validate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_set>

#include "model/scalar.hpp"
#include "schema/formats.hpp"
#include "text/suggest.hpp"

namespace podlint::schema {
namespace {

using model::ScalarType;

std::string_view describe(Kind kind) {
  switch (kind) {
    case Kind::String:
      return "a string";
    case Kind::Integer:
      return "an integer";
    case Kind::Number:
      return "a number";
    case Kind::Boolean:
      return "a boolean";
    case Kind::DateTime:
      return "a date-time string";
    case Kind::IntOrString:
      return "an integer or a string";
    case Kind::Quantity:
      return "a quantity (a string or a number)";
    case Kind::Any:
      return "any value";
    case Kind::Object:
      break;
  }
  return "a mapping";
}

bool accepts(Kind kind, const yaml::Node& node, ScalarType type) {
  switch (kind) {
    case Kind::String:
    case Kind::DateTime:
      return type == ScalarType::String;
    case Kind::Integer:
      return type == ScalarType::Int;
    case Kind::Number:
      return type == ScalarType::Int || type == ScalarType::Float;
    case Kind::Boolean:
      return type == ScalarType::Bool;
    case Kind::IntOrString:
      return type == ScalarType::Int || type == ScalarType::String;
    case Kind::Quantity:
      return type == ScalarType::String || type == ScalarType::Int || type == ScalarType::Float;
    case Kind::Any:
      return true;
    case Kind::Object:
      return node.is_mapping();
  }
  return false;
}

// Where a value sits, for messages: "image", "args[2]", "labels.app".
struct Label {
  std::string_view field;
  size_t index = 0;
  bool has_index = false;
  std::string_view key;
  bool has_key = false;

  std::string text() const {
    if (has_index) return fmt::format("{}[{}]", field, index);
    if (has_key) return fmt::format("{}.{}", field, key);
    return std::string(field);
  }
};

// A key of a mapping (or of one it merges) and its value.
struct Entry {
  const yaml::Node* key;
  const yaml::Node* value;
};

class Validator {
 public:
  Validator(std::vector<Finding>& out, uint8_t target) : out_(out), target_(target) {}

  void object(const yaml::Node& mapping, const TypeInfo& type, const yaml::Span& anchor) {
    std::vector<Entry> entries;
    std::unordered_set<std::string_view> seen;
    collect(mapping, entries, seen, 0);
    for (const Entry& pair : entries) {
      const std::string_view name = pair.key->value;
      const FieldInfo* field = type.field(name);
      const Presence present = field ? presence(field->lifetime, target_) : Presence::No;
      if (present == Presence::No) {
        if (field && field->lifetime.added_by > target_) {
          too_new(*pair.key, type, std::string(name), field->lifetime.added_after, field->lifetime.added_by,
                  {});
        } else {
          unknown(*pair.key, *pair.value, type, mapping, seen);
        }
        continue;
      }
      Label label;
      label.field = field->name;
      value(*pair.value, *field, type, label, pair.key->span);
    }
    for (const FieldInfo& field : type.fields) {
      if (!field.required || presence(field.lifetime, target_) == Presence::No) continue;
      const yaml::Node* node = yaml::find(mapping, field.name);
      const yaml::Node* value = node ? &yaml::resolve(*node) : nullptr;
      if (!value || model::scalar_type(*value) == ScalarType::Null) {
        out_.push_back({.problem = Problem::MissingRequired,
                        .span = anchor,
                        .owner = type.name,
                        .mapping = &mapping,
                        .field = std::string(field.name)});
      } else if (is_empty(*value, field)) {
        // The API's Go types cannot tell an empty list or string from none.
        out_.push_back({.problem = Problem::MissingRequired,
                        .span = value->is_scalar() && value->span.begin.offset == value->span.end.offset
                                    ? node->span
                                    : value->span,
                        .owner = type.name,
                        .mapping = &mapping,
                        .field = std::string(field.name),
                        .empty = true});
      }
    }
  }

 private:
  // The mapping's pairs with plain scalar keys, then those of the mappings it
  // merges ("<<"), the first occurrence of each key winning as in yaml::find.
  void collect(const yaml::Node& mapping, std::vector<Entry>& entries,
               std::unordered_set<std::string_view>& seen, int depth) {
    std::vector<const yaml::Node*> merged;
    for (const yaml::Pair& pair : mapping.pairs) {
      const yaml::Node& key = yaml::resolve(*pair.key);
      if (!key.is_scalar()) continue;  // a complex key is a YAML-level oddity, not a field
      if (key.value == "<<" && key.style == yaml::ScalarStyle::Plain && key.tag.empty()) {
        merged.push_back(&yaml::resolve(*pair.value));
      } else if (seen.insert(key.value).second) {
        entries.push_back({&key, pair.value});
      }
    }
    if (depth > 32) return;  // merges of merges: no real manifest goes this deep
    for (const yaml::Node* m : merged) {
      if (m->is_mapping()) collect(*m, entries, seen, depth + 1);
      if (m->is_sequence()) {
        for (const yaml::Node* item : m->items) {
          const yaml::Node& it = yaml::resolve(*item);
          if (it.is_mapping()) collect(it, entries, seen, depth + 1);
        }
      }
    }
  }

  // An integer as kubectl reads it: its YAML library still takes a leading
  // 0 for octal (YAML 1.1), so `defaultMode: 0644` is 420.
  static std::optional<int64_t> kubectl_int(std::string_view text) {
    const bool octal = text.size() > 1 && text[0] == '0' &&
                       std::all_of(text.begin() + 1, text.end(), [](char c) { return c >= '0' && c <= '7'; });
    return model::parse_int(octal ? "0o" + std::string(text.substr(1)) : std::string(text));
  }

  static bool is_empty(const yaml::Node& value, const FieldInfo& field) {
    if (field.shape == Shape::Array) return value.is_sequence() && value.items.empty();
    return field.shape == Shape::Single && field.kind == Kind::String &&
           model::scalar_type(value) == ScalarType::String && value.value.empty();
  }

  void unknown(const yaml::Node& key, const yaml::Node& value, const TypeInfo& type,
               const yaml::Node& mapping, const std::unordered_set<std::string_view>& keys) {
    std::vector<std::string_view> names;
    names.reserve(type.fields.size());
    for (const FieldInfo& f : type.fields) {
      if (presence(f.lifetime, target_) != Presence::No) names.push_back(f.name);
    }
    const text::Guess guess = text::guess(key.value, names);
    Finding finding{.problem = Problem::UnknownField,
                    .span = key.span,
                    .owner = type.name,
                    .mapping = &mapping,
                    .field = std::string(key.value),
                    .suggestion = guess.word,
                    .suggestion_case_only = guess.case_only};
    // Renaming is sound when it makes a field that is not there yet, whose
    // value is then valid.
    if (guess.unique && !keys.contains(guess.word)) {
      std::vector<Finding> as_renamed;
      Label label;
      label.field = guess.word;
      Validator(as_renamed, target_).value(value, *type.field(guess.word), type, label, key.span);
      if (as_renamed.empty()) finding.fix_target = &key;
    }
    out_.push_back(std::move(finding));
  }

  // A field's value, or an item of a list field, or a value of a map field.
  // `where` is the field's key, or the item: where a required field the value
  // lacks is reported.
  void value(const yaml::Node& raw, const FieldInfo& field, const TypeInfo& owner, const Label& label,
             const yaml::Span& where) {
    const yaml::Node& node = yaml::resolve(raw);
    const ScalarType type = model::scalar_type(node);
    if (type == ScalarType::Null) return;  // Kubernetes reads an explicit null as absent

    if (field.shape != Shape::Single && !label.has_index && !label.has_key) {
      const bool list = field.shape == Shape::Array;
      if (list ? !node.is_sequence() : !node.is_mapping()) {
        mismatch(node, owner, label, list ? "a list" : "a mapping", false, where);
        return;
      }
      if (list) {
        for (size_t i = 0; i < node.items.size(); ++i) {
          Label item = label;
          item.index = i;
          item.has_index = true;
          value(*node.items[i], field, owner, item, yaml::resolve(*node.items[i]).span);
        }
      } else {
        for (const yaml::Pair& pair : node.pairs) {
          const yaml::Node& key = yaml::resolve(*pair.key);
          Label entry = label;
          entry.key = key.is_scalar() ? key.value : std::string_view("?");
          entry.has_key = true;
          if (field.key_format != Format::None && key.is_scalar())
            check_format(key, field.key_format, owner, label, true);
          value(*pair.value, field, owner, entry, key.span);
        }
      }
      return;
    }

    if (!accepts(field.kind, node, type)) {
      const bool stringly = field.kind == Kind::String || field.kind == Kind::DateTime;
      mismatch(node, owner, label, describe(field.kind), stringly && type != ScalarType::Collection, where,
               field.enum_values);
      return;
    }
    if (field.kind == Kind::Object) {
      object(node, *field.object, where);
      return;
    }
    const bool required_but_empty = field.required && type == ScalarType::String && node.value.empty();
    if (!field.enum_values.empty() && !required_but_empty) {
      const auto it = std::find(field.enum_values.begin(), field.enum_values.end(), node.value);
      if (it == field.enum_values.end()) {
        bad_enum(node, field, owner, label);
      } else if (!field.enum_since.empty()) {
        const uint8_t since = field.enum_since[static_cast<size_t>(it - field.enum_values.begin())];
        if (since > target_) too_new(node, owner, label.text(), since - 1, since, node.value);
      }
    }
    // An empty string is the field's zero value: the API checks no format
    // on it (a required one is reported missing).
    if (field.format != Format::None && type == ScalarType::String && !node.value.empty())
      check_format(node, field.format, owner, label, false);
    if (field.has_range() && type == ScalarType::Int) check_range(node, field, owner, label);
  }

  void check_format(const yaml::Node& node, Format format, const TypeInfo& owner, const Label& label,
                    bool map_key) {
    // RelaxedEnvironmentVariableValidation is on from Kubernetes 1.32.
    if (format == Format::EnvVarName && target_ < 32) format = Format::EnvVarNameStrict;
    if (matches_format(format, node.value)) return;
    out_.push_back({.problem = Problem::InvalidFormat,
                    .span = node.span,
                    .owner = owner.name,
                    .field = label.text(),
                    .value = node.value,
                    .format = format,
                    .map_key = map_key});
  }

  void check_range(const yaml::Node& node, const FieldInfo& field, const TypeInfo& owner,
                   const Label& label) {
    const auto number = kubectl_int(node.value);
    // Past int64, a number is out of any range the API has.
    if (number && *number >= field.minimum && *number <= field.maximum) return;
    out_.push_back({.problem = Problem::OutOfRange,
                    .span = node.span,
                    .owner = owner.name,
                    .field = label.text(),
                    .value = node.value,
                    .minimum = field.minimum,
                    .maximum = field.maximum});
  }

  // A field (value empty) or an enum value that came after the target release.
  void too_new(const yaml::Node& node, const TypeInfo& owner, std::string field, uint8_t added_after,
               uint8_t added_by, std::string_view value) {
    out_.push_back({.problem = Problem::NotInVersion,
                    .span = node.span,
                    .owner = owner.name,
                    .field = std::move(field),
                    .value = value,
                    .added_after = added_after,
                    .added_by = added_by});
  }

  // A block collection spans lines from the one after its key: the key (or
  // the list item) is where the mistake reads.
  // `allowed`: the values the field takes, when it has a fixed set.
  void mismatch(const yaml::Node& node, const TypeInfo& owner, const Label& label, std::string_view expected,
                bool suggest_quotes, const yaml::Span& where,
                std::span<const std::string_view> allowed = {}) {
    const bool block = (node.is_mapping() || node.is_sequence()) && !node.flow;
    // Quotes make a plain, untagged scalar the string it spells: a fix when
    // that string is one the field takes.
    const bool quotable =
        suggest_quotes && node.style == yaml::ScalarStyle::Plain && node.tag.empty() &&
        (allowed.empty() || std::find(allowed.begin(), allowed.end(), node.value) != allowed.end());
    out_.push_back({.problem = Problem::InvalidType,
                    .span = block ? where : node.span,
                    .owner = owner.name,
                    .field = label.text(),
                    .expected = expected,
                    .found = model::describe_type(node),
                    .quote_hint = suggest_quotes,
                    .fix_target = quotable ? &node : nullptr});
  }

  void bad_enum(const yaml::Node& node, const FieldInfo& field, const TypeInfo& owner, const Label& label) {
    const text::Guess guess = text::guess(node.value, field.enum_values);
    // No rewrite to a value the target release does not have yet.
    const auto meant = std::find(field.enum_values.begin(), field.enum_values.end(), guess.word);
    const bool in_release =
        field.enum_since.empty() || meant == field.enum_values.end() ||
        field.enum_since[static_cast<size_t>(meant - field.enum_values.begin())] <= target_;
    out_.push_back({.problem = Problem::InvalidEnum,
                    .span = node.span,
                    .owner = owner.name,
                    .field = label.text(),
                    .value = node.value,
                    .allowed = field.enum_values,
                    .suggestion = guess.word,
                    .fix_target = guess.unique && in_release ? &node : nullptr,
                    .suggestion_case_only = guess.case_only});
  }

  std::vector<Finding>& out_;
  uint8_t target_;
};

}  // namespace

std::vector<Finding> validate(const yaml::Node& object, const TypeInfo& type, const yaml::Span& anchor,
                              uint8_t target) {
  std::vector<Finding> out;
  Validator validator(out, target);
  const yaml::Node& node = yaml::resolve(object);
  if (node.is_mapping()) validator.object(node, type, anchor);
  // A mapping merged into several others ("<<: *base") is walked once for
  // each; report what is wrong in it once.
  std::set<std::tuple<Problem, uint32_t, std::string>> seen;
  std::vector<Finding> unique;
  unique.reserve(out.size());
  for (Finding& f : out) {
    if (seen.emplace(f.problem, f.span.begin.offset, f.field).second) unique.push_back(std::move(f));
  }
  return unique;
}

std::vector<Finding> validate(const model::Workload& workload, uint8_t target) {
  if (!workload.object || !workload.api_version.valid() || !workload.kind.valid()) return {};
  const TypeInfo* type = type_for_kind(workload.api_version.value, workload.kind.value);
  if (!type) return {};
  return validate(*workload.object, *type,
                  workload.kind.key ? workload.kind.key->span : workload.object->span, target);
}

}  // namespace podlint::schema
