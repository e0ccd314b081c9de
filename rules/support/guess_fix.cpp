#include "guess_fix.hpp"

#include "engine/edits.hpp"

namespace podlint::rules {

std::optional<Fix> guess_fix(std::string_view source, const yaml::Node& scalar, const text::Guess& guess,
                             std::string title) {
  if (guess.word.empty() || !guess.unique) return std::nullopt;
  auto edit = Editor(source, nullptr).replace_scalar(scalar, guess.word);
  if (!edit) return std::nullopt;
  return Fix{
      std::move(title), guess.case_only ? Applicability::Safe : Applicability::Unsafe, {std::move(*edit)}};
}

}  // namespace podlint::rules
