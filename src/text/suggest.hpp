// "Did you mean": the one place that picks the word a user most likely meant
// and words the suggestion, for every message that offers one (schema
// findings, the configuration checker, waivers, rules, the command line).
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace podlint::text {

// The candidate the user most likely meant by `word`: the one equal to it
// ignoring case, else the closest by edit distance, ignoring case
// (transpositions count as one edit), when that is close enough for a typo:
// one edit in a short word, up to three in a long one. Empty when none is.
std::string_view closest(std::string_view word, std::span<const std::string_view> candidates);

// closest(), with how sure the guess is: what a fix that rewrites the word
// needs to know.
struct Guess {
  std::string_view word;   // empty when no candidate is close enough
  bool case_only = false;  // the word differs from it only in ASCII case
  bool unique = false;     // no other candidate is as close
};
Guess guess(std::string_view word, std::span<const std::string_view> candidates);

// ` (did you mean "GUESS"?)`, or with `context`, ` (did you mean "GUESS" CONTEXT?)`;
// empty when `guess` is empty.
std::string did_you_mean(std::string_view guess, std::string_view context = {});

// ` (did you mean "A" or "B"?)` for several guesses, best first; empty for none.
std::string did_you_mean(std::span<const std::string> guesses);

// did_you_mean(closest(word, candidates)).
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace podlint::text
