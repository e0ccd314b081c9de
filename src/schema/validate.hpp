// Schema validation of Kubernetes objects against the compiled schema: unknown
// fields, values of the wrong type, values outside an enum, missing required
// fields. One walk yields all four kinds of finding; each schema rule reports
// its own kind.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/pod.hpp"
#include "schema/schema.hpp"
#include "yaml/document.hpp"

namespace podlint::schema {

enum class Problem : uint8_t { UnknownField, InvalidType, InvalidEnum, MissingRequired };

struct Finding {
  Problem problem = Problem::UnknownField;
  yaml::Span span;
  std::string message;
};

// Validates `object` (a mapping, or anything else, which is then a type error
// of its own) as a `type` from the root down. A value of the wrong type is
// reported once and not descended into; an explicit null counts as absent.
// `anchor` is where a field missing from the root mapping is reported.
std::vector<Finding> validate(const yaml::Node& object, const TypeInfo& type, const yaml::Span& anchor);

// Validates a workload when its apiVersion and kind are ones the schema
// describes; other objects yield nothing.
std::vector<Finding> validate(const model::Workload& workload);

// The candidate the user most likely meant by `word`: the one equal to it
// ignoring case, else the closest by edit distance (transpositions count as
// one edit) when that is close enough for a typo. Empty when none is.
std::string_view suggest(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace podlint::schema
