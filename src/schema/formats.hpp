// The string formats the API server validates (apimachinery's
// util/validation and the pod validation's own): DNS names, label keys and
// values, ConfigMap keys, environment variable names, paths... One place
// says what each accepts, for schema validation (the formats of
// constraints.json) and for the rules that check names themselves.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schema/schema.hpp"

namespace podlint::schema {

// What the format is called in messages: "a DNS-1123 label", "a label value".
std::string_view format_name(Format format);

// Everything wrong with `value` in `format`, each as a phrase that follows
// "it": "is 70 characters long (at most 63)", "uses '_'". Empty when valid.
std::vector<std::string> format_problems(Format format, std::string_view value);

// The problems of format_problems() as one phrase: "is 70 characters long
// (at most 63) and uses '_' (...)".
std::string describe_format_problems(Format format, std::string_view value);

// A value of `format` close to `value` that a user likely meant ("my-app"
// for "My_App"); empty when none is simple to derive, or `value` is valid.
std::string format_suggestion(Format format, std::string_view value);

// The maximum length of a name in `format` (63 for labels, 253 for subdomains).
size_t format_max_length(Format format);

// Shorthand for format_problems(format, value).empty().
inline bool matches_format(Format format, std::string_view value) {
  return format_problems(format, value).empty();
}

}  // namespace podlint::schema
