// One mistake, one finding: when a key is a misspelling of a field (the
// schema's unknown-field finding suggests it), rules that would report the
// field as missing stay silent, as unknown-field already says what to fix.
#pragma once

#include <string_view>

#include "engine/rule.hpp"

namespace podlint::rules {

// Whether `mapping` has an unknown key that unknown-field takes for a
// misspelling of `field` ("contianers" for "containers").
bool misspelt(const ObjectFacts& facts, const yaml::Node* mapping, std::string_view field);

}  // namespace podlint::rules
