// The fix that writes the word a rule guessed in place of the one written,
// for the rules whose messages say "did you mean".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/diagnostic.hpp"
#include "text/suggest.hpp"
#include "yaml/document.hpp"

namespace podlint::rules {

// `guess` in place of `scalar` (a key or a value), in its quotes, titled
// `title`: safe when only the case differs (one reading), unsafe for a
// misspelling (podlint's guess). None when another word was as close or the
// scalar cannot be rewritten in place (a block scalar).
std::optional<Fix> guess_fix(std::string_view source, const yaml::Node& scalar, const text::Guess& guess,
                             std::string title);

}  // namespace podlint::rules
