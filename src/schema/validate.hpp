// Schema validation of Kubernetes objects against the compiled schema: unknown
// fields, values of the wrong type, values outside an enum, missing required
// fields, strings not in their format, integers out of range. One walk yields
// every kind of finding; each schema rule reports its own kind.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/pod.hpp"
#include "schema/schema.hpp"
#include "yaml/document.hpp"

namespace podlint::schema {

// NotInVersion: a field or an enum value that a later release than the
// target added.
enum class Problem : uint8_t {
  UnknownField,
  InvalidType,
  InvalidEnum,
  MissingRequired,
  InvalidFormat,
  OutOfRange,
  NotInVersion
};

// One schema problem, as data: the schema rules word it.
struct Finding {
  Problem problem = Problem::UnknownField;
  yaml::Span span{};
  std::string_view owner{};  // the type the field belongs to, as messages name it: "Container"
  // The mapping the field belongs to (UnknownField, MissingRequired: the one
  // that has the unknown key or lacks the field).
  const yaml::Node* mapping = nullptr;
  // UnknownField: the key as written. MissingRequired: the field's name.
  // InvalidType, InvalidEnum, InvalidFormat, OutOfRange: where the value
  // sits: "image", "args[2]", "labels.app" (a map's key: "labels").
  std::string field{};
  std::string_view expected{};  // InvalidType: "an integer", "a mapping"...
  std::string_view found{};     // InvalidType: model::describe_type of the value
  bool quote_hint = false;      // InvalidType: quoting the value would make it right
  std::string_view value{};     // InvalidEnum, InvalidFormat, OutOfRange: the value as written
  std::span<const std::string_view> allowed{};  // InvalidEnum: the supported values
  std::string_view suggestion{};                // UnknownField, InvalidEnum: the likely meant name or value
  bool empty = false;                           // MissingRequired: present, but an empty list or string
  Format format = Format::None;                 // InvalidFormat: the format the value misses
  bool map_key = false;                         // InvalidFormat: the value is a key of the map `field`
  int64_t minimum = kNoMinimum;                 // OutOfRange: the bounds, inclusive
  int64_t maximum = kNoMaximum;
  // What a fix needs. UnknownField, InvalidEnum: the key or value to rewrite
  // as `suggestion`, set only when that is sound (the one close candidate,
  // the key not there already, the value valid for the renamed field).
  // InvalidType: the value, set with quote_hint.
  const yaml::Node* fix_target = nullptr;
  bool suggestion_case_only = false;  // the suggestion differs from what is written only in case
  // NotInVersion: the releases (1.N) it may have come in, from
  // added_after + 1 to added_by (one release when they are neighbours).
  uint8_t added_after = 0;
  uint8_t added_by = 0;
};

// Validates `object` (a mapping, or anything else, which is then a type error
// of its own) as a `type` from the root down. A value of the wrong type is
// reported once and not descended into; an explicit null counts as absent.
// `anchor` is where a field missing from the root mapping is reported.
// `target` is the Kubernetes release (1.N) the objects are for: a field or
// value of a later release is NotInVersion, one it no longer has unknown.
std::vector<Finding> validate(const yaml::Node& object, const TypeInfo& type, const yaml::Span& anchor,
                              uint8_t target = newest_minor());

// Validates a workload when its apiVersion and kind are ones the schema
// describes; other objects yield nothing.
std::vector<Finding> validate(const model::Workload& workload, uint8_t target = newest_minor());

}  // namespace podlint::schema
