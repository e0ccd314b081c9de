#include "quantity.hpp"

#include <algorithm>
#include <cctype>

#include "pod_helpers.hpp"

namespace podlint::rules {
namespace {

// (2^63-1) units, in milli.
constexpr __int128 kMaxMilli = static_cast<__int128>(0x7fffffffffffffffLL) * 1000;
// Mantissa digits kept: 10^36 fits in 128 bits, and so does 10^18 times the
// largest binary factor (2^60). Longer mantissas are rounded up at the last
// digit kept, which only matters for values nobody writes.
constexpr size_t kMaxDecimalDigits = 36;
constexpr size_t kMaxBinaryDigits = 18;

struct Suffix {
  std::string_view text;
  int base;      // 10 or 2
  int exponent;  // power of the base
};

constexpr Suffix kSuffixes[] = {
    {"Ki", 2, 10}, {"Mi", 2, 20}, {"Gi", 2, 30}, {"Ti", 2, 40}, {"Pi", 2, 50}, {"Ei", 2, 60},
    {"n", 10, -9}, {"u", 10, -6}, {"m", 10, -3}, {"", 10, 0},   {"k", 10, 3},  {"M", 10, 6},
    {"G", 10, 9},  {"T", 10, 12}, {"P", 10, 15}, {"E", 10, 18},
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_space(s.back()))
    s.remove_suffix(1);
  return s;
}

// `e3`, `E-2`, `e+10`: a decimal exponent. Returns false for anything else.
bool parse_exponent(std::string_view s, int& exponent) {
  if (s.size() < 2 || (s[0] != 'e' && s[0] != 'E')) return false;
  size_t i = 1;
  bool negative = false;
  if (s[i] == '+' || s[i] == '-') negative = s[i++] == '-';
  if (i == s.size()) return false;
  long value = 0;
  for (; i < s.size(); ++i) {
    if (!is_digit(s[i])) return false;
    value = std::min(value * 10 + (s[i] - '0'), 100000L);  // saturates far beyond any cap
  }
  exponent = static_cast<int>(negative ? -value : value);
  return true;
}

// What the user probably meant by a suffix the API does not know: byte
// units (MB, Gb, KiB), lowercase binary units (gi), an uppercase K.
std::vector<std::string> suffix_guesses(std::string_view suffix) {
  std::string core(suffix);
  if (core.size() > 1 && (core.back() == 'B' || core.back() == 'b')) core.pop_back();
  const bool binary = core.size() == 2 && (core[1] == 'i' || core[1] == 'I');
  if (core.empty() || core.size() > (binary ? 2u : 1u)) return {};
  const char letter = static_cast<char>(std::toupper(static_cast<unsigned char>(core[0])));
  if (std::string_view("KMGTPE").find(letter) == std::string_view::npos) return {};
  std::vector<std::string> out;
  if (!binary) out.push_back(letter == 'K' ? "k" : std::string(1, letter));
  out.push_back(std::string(1, letter) + "i");
  return out;
}

// The magnitude of digits x 10^pow10 x 2^pow2, in milli, rounded up and
// capped.
__int128 scale(__int128 mantissa, int pow10, int pow2) {
  __int128 v = mantissa << pow2;
  pow10 += 3;  // milli
  if (pow10 >= 0) {
    for (int i = 0; i < pow10 && v != 0; ++i) {
      if (v > kMaxMilli / 10) return kMaxMilli;
      v *= 10;
    }
    return std::min(v, kMaxMilli);
  }
  if (-pow10 > 38) return v != 0 ? 1 : 0;
  __int128 divisor = 1;
  for (int i = 0; i < -pow10; ++i)
    divisor *= 10;
  const __int128 q = v / divisor;
  return std::min(q + (v % divisor != 0 ? 1 : 0), kMaxMilli);
}

ParsedQuantity parse_strict(std::string_view text) {
  ParsedQuantity out;
  std::string_view s = trim(text);
  if (s.empty()) {
    out.problem = "it is empty";
    return out;
  }
  size_t i = 0;
  const bool negative = s[0] == '-';
  if (s[0] == '+' || s[0] == '-') ++i;
  const size_t number_begin = i;
  std::string digits;
  size_t fraction_digits = 0;
  bool dot = false;
  bool any_digit = false;
  for (; i < s.size() && (is_digit(s[i]) || s[i] == '.'); ++i) {
    if (s[i] == '.') {
      if (dot) {
        out.problem = "the number has more than one '.'";
        return out;
      }
      dot = true;
      continue;
    }
    any_digit = true;
    if (dot) ++fraction_digits;
    if (!digits.empty() || s[i] != '0') digits.push_back(s[i]);
  }
  if (!any_digit) {
    out.problem = i == number_begin ? "it does not start with a number" : "the number has no digits";
    return out;
  }
  const std::string_view number = s.substr(0, i);
  const std::string_view suffix = s.substr(i);

  int pow10 = 0, pow2 = 0;
  bool known = false;
  for (const Suffix& candidate : kSuffixes) {
    if (candidate.text == suffix) {
      (candidate.base == 10 ? pow10 : pow2) = candidate.exponent;
      known = true;
    }
  }
  if (!known && !parse_exponent(suffix, pow10)) {
    out.problem = "unknown suffix \"" + std::string(suffix) + "\"";
    for (const std::string& guess : suffix_guesses(suffix))
      out.suggestions.push_back(std::string(number) + guess);
    out.certain = out.suggestions.size() == 1;
    return out;
  }

  // Keep the leading digits; the dropped ones shift the decimal exponent.
  const size_t max_digits = pow2 != 0 ? kMaxBinaryDigits : kMaxDecimalDigits;
  int dropped = 0;
  bool inexact = false;
  if (digits.size() > max_digits) {
    dropped = static_cast<int>(digits.size() - max_digits);
    inexact = digits.find_first_not_of('0', max_digits) != std::string::npos;
    digits.resize(max_digits);
  }
  __int128 mantissa = 0;
  for (char c : digits)
    mantissa = mantissa * 10 + (c - '0');
  if (inexact) ++mantissa;  // round up at the last digit kept
  const __int128 magnitude = scale(mantissa, pow10 + dropped - static_cast<int>(fraction_digits), pow2);
  out.ok = true;
  out.value.milli = negative ? -magnitude : magnitude;
  return out;
}

}  // namespace

ParsedQuantity parse_quantity(std::string_view text) {
  ParsedQuantity out = parse_strict(text);
  if (out.ok) return out;
  // Two slips whose fix is certain: a space inside (`1.5 Gi`) and a decimal comma.
  const std::string_view trimmed = trim(text);
  std::string no_space, dot_decimal(trimmed);
  std::copy_if(trimmed.begin(), trimmed.end(), std::back_inserter(no_space),
               [](char c) { return !is_space(c); });
  std::replace(dot_decimal.begin(), dot_decimal.end(), ',', '.');
  if (no_space != trimmed) {
    out.problem = "it contains a space";
    const ParsedQuantity joined = parse_strict(no_space);
    out.suggestions = joined.ok ? std::vector<std::string>{no_space} : joined.suggestions;
    out.certain = joined.ok || joined.certain;
  } else if (dot_decimal != trimmed && parse_strict(dot_decimal).ok) {
    out.problem = "the decimal separator is '.', not ','";
    out.suggestions = {dot_decimal};
    // Three digits after the comma also read as a thousands separator.
    const std::string_view after = trimmed.substr(trimmed.find(',') + 1);
    out.certain = after.find_first_not_of("0123456789") != 3;
  }
  return out;
}

bool is_hugepages(std::string_view name) {
  return name.starts_with("hugepages-");
}

bool is_extended_resource(std::string_view name) {
  return name.find('/') != std::string_view::npos && name.find("kubernetes.io/") == std::string_view::npos &&
         !name.starts_with("requests.");
}

bool is_overcommittable(std::string_view name) {
  return !is_hugepages(name) && !is_extended_resource(name);
}

std::string entry_label(const model::ResourceQuantity& entry, bool is_limit) {
  return std::string(entry.name) + (is_limit ? " limit" : " request");
}

bool has_quantity_text(const model::ResourceQuantity& entry) {
  return entry.value && yaml::resolve(*entry.value).is_scalar() && !is_null(entry.value);
}

std::optional<Quantity> entry_quantity(const model::ResourceQuantity& entry) {
  if (!has_quantity_text(entry)) return std::nullopt;
  const ParsedQuantity parsed = parse_quantity(entry.quantity);
  return parsed.ok ? std::optional<Quantity>(parsed.value) : std::nullopt;
}

const model::ResourceQuantity* find_entry(const std::vector<model::ResourceQuantity>& list,
                                          std::string_view name) {
  for (const model::ResourceQuantity& entry : list) {
    if (entry.name == name) return &entry;
  }
  return nullptr;
}

}  // namespace podlint::rules
