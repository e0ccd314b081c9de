#include "text/suggest.hpp"

#include <algorithm>
#include <numeric>
#include <vector>

namespace podlint::text {

namespace {

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

// Optimal string alignment distance, ignoring ASCII case: Levenshtein plus
// adjacent transpositions, the commonest typo ("contianers").
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev2(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  std::iota(prev.begin(), prev.end(), size_t{0});
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1]))
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

Guess guess(std::string_view word, std::span<const std::string_view> candidates) {
  Guess out;
  for (std::string_view c : candidates) {
    if (!equal_ignoring_case(word, c)) continue;
    if (!out.word.empty()) {
      out.unique = false;
      return out;
    }
    out = {.word = c, .case_only = true, .unique = true};
  }
  if (!out.word.empty()) return out;
  // Short words tolerate one edit, longer ones up to three.
  const size_t limit = std::clamp<size_t>(word.size() / 4, 1, 3);
  size_t best_distance = limit + 1;
  for (std::string_view c : candidates) {
    // Lengths further apart than the best distance so far make a worse one.
    const size_t length_gap = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
    if (c.empty() || length_gap > best_distance) continue;
    const size_t d = edit_distance(word, c);
    if (d < best_distance) {
      out = {.word = c, .unique = true};
      best_distance = d;
    } else if (d == best_distance) {
      out.unique = false;
    }
  }
  return out;
}

std::string_view closest(std::string_view word, std::span<const std::string_view> candidates) {
  return guess(word, candidates).word;
}

std::string did_you_mean(std::string_view guess, std::string_view context) {
  if (guess.empty()) return {};
  std::string out = " (did you mean \"";
  out += guess;
  out += '"';
  if (!context.empty()) {
    out += ' ';
    out += context;
  }
  out += "?)";
  return out;
}

std::string did_you_mean(std::span<const std::string> guesses) {
  if (guesses.empty()) return {};
  std::string out = " (did you mean ";
  for (size_t i = 0; i < guesses.size(); ++i) {
    if (i > 0) out += " or ";
    out += '"';
    out += guesses[i];
    out += '"';
  }
  out += "?)";
  return out;
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  return did_you_mean(closest(word, candidates));
}

}  // namespace podlint::text
