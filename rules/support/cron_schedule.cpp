#include "cron_schedule.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <span>
#include <vector>

#include "text/suggest.hpp"

namespace podlint::rules {

namespace {

constexpr std::string_view kTimeZones[] = {
#include "time_zones.inc"
};

constexpr std::array<std::string_view, 12> kMonths{"jan", "feb", "mar", "apr", "may", "jun",
                                                   "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 7> kWeekdays{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

struct FieldSpec {
  std::string_view name;
  int min;
  int max;
  std::span<const std::string_view> names;  // the field's names, min first
};

constexpr std::array<FieldSpec, 5> kFields{{
    {"minute", 0, 59, {}},
    {"hour", 0, 23, {}},
    {"day of month", 1, 31, {}},
    {"month", 1, 12, kMonths},
    {"day of week", 0, 6, kWeekdays},
}};

constexpr std::string_view kDescriptors[] = {"@yearly", "@annually", "@monthly", "@weekly",
                                             "@daily",  "@midnight", "@hourly"};

std::vector<std::string_view> split(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  size_t begin = 0;
  while (true) {
    const size_t end = s.find(separator, begin);
    parts.push_back(s.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin));
    if (end == std::string_view::npos) return parts;
    begin = end + 1;
  }
}

// Go's strconv.Atoi: an optional sign, decimal digits, within int64.
std::optional<int64_t> atoi(std::string_view s) {
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  if (s.empty() || s[0] == '+') return std::nullopt;
  int64_t value = 0;
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (error != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

// A number or, in the month and day-of-week fields, a three-letter name.
std::optional<int64_t> number_or_name(std::string_view text, const FieldSpec& field, std::string& problem) {
  if (!field.names.empty()) {
    const std::string name = lower(text);
    for (size_t i = 0; i < field.names.size(); ++i)
      if (field.names[i] == name) return field.min + static_cast<int64_t>(i);
  }
  const auto n = atoi(text);
  if (!n) {
    problem = fmt::format("\"{}\" in the {} field is not a number", text, field.name);
    if (!field.names.empty())
      problem += fmt::format(" or a three-letter {} name", field.name == "month" ? "month" : "day");
  } else if (*n < 0) {
    problem = fmt::format("the {} field has a negative number {}", field.name, *n);
    return std::nullopt;
  }
  return n;
}

// One comma-separated item of a field: *, ?, N or N-M, then /STEP.
std::string item_problem(std::string_view item, const FieldSpec& field) {
  const auto range_and_step = split(item, '/');
  if (range_and_step.size() > 2)
    return fmt::format("\"{}\" in the {} field has more than one '/'", item, field.name);
  const auto low_and_high = split(range_and_step[0], '-');
  int64_t start = field.min, end = field.max;
  std::string problem;
  if (low_and_high[0] != "*" && low_and_high[0] != "?") {
    if (low_and_high.size() > 2)
      return fmt::format("\"{}\" in the {} field has more than one '-'", item, field.name);
    const auto low = number_or_name(low_and_high[0], field, problem);
    if (!low) return problem;
    start = end = *low;
    if (low_and_high.size() == 2) {
      const auto high = number_or_name(low_and_high[1], field, problem);
      if (!high) return problem;
      end = *high;
    }
  }
  if (range_and_step.size() == 2) {
    const auto step = atoi(range_and_step[1]);
    if (!step)
      return fmt::format("the step \"{}\" in the {} field is not a number", range_and_step[1], field.name);
    if (*step <= 0)
      return fmt::format("the step in \"{}\" of the {} field must be a positive number", item, field.name);
    if (low_and_high.size() == 1 && low_and_high[0] != "*" && low_and_high[0] != "?") end = field.max;
  }
  const std::string bounds = fmt::format("{} to {}", field.min, field.max);
  if (start < field.min || start > field.max || end < field.min || end > field.max) {
    const int64_t outside = start < field.min || start > field.max ? start : end;
    std::string hint;
    if (field.name == "day of week" && outside == 7) hint = " (Sunday is 0)";
    return fmt::format("{} is out of range for the {} field, which takes {}{}", outside, field.name, bounds,
                       hint);
  }
  if (start > end) return fmt::format("the range \"{}\" in the {} field runs backwards", item, field.name);
  return {};
}

// Go's time.ParseDuration: [-+]?(digits[.digits]unit)+ or "0".
bool is_go_duration(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  if (s == "0") return true;
  if (s.empty()) return false;
  constexpr std::string_view kUnits[] = {"ns", "us", "\xc2\xb5s", "\xce\xbcs", "ms", "s", "m", "h"};
  while (!s.empty()) {
    size_t digits = 0;
    while (digits < s.size() && ((s[digits] >= '0' && s[digits] <= '9') || s[digits] == '.'))
      ++digits;
    const std::string_view number = s.substr(0, digits);
    if (number.empty() || number == "." || std::count(number.begin(), number.end(), '.') > 1) return false;
    s.remove_prefix(digits);
    const auto unit = std::find_if(std::begin(kUnits), std::end(kUnits), [&](std::string_view u) {
      // The longest unit first: "ms" before "m".
      return s.starts_with(u) && !(u == "m" && s.starts_with("ms"));
    });
    if (unit == std::end(kUnits)) return false;
    s.remove_prefix(unit->size());
  }
  return true;
}

std::vector<std::string_view> fields_of(std::string_view s) {
  std::vector<std::string_view> fields;
  size_t i = 0;
  const auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
  };
  while (i < s.size()) {
    while (i < s.size() && space(s[i]))
      ++i;
    const size_t begin = i;
    while (i < s.size() && !space(s[i]))
      ++i;
    if (i > begin) fields.push_back(s.substr(begin, i - begin));
  }
  return fields;
}

}  // namespace

bool schedule_names_time_zone(std::string_view schedule) {
  return schedule.find("TZ") != std::string_view::npos;
}

std::string cron_schedule_problem(std::string_view schedule) {
  if (schedule.starts_with("@")) {
    if (std::find(std::begin(kDescriptors), std::end(kDescriptors), schedule) != std::end(kDescriptors))
      return {};
    if (schedule.starts_with("@every ")) {
      const std::string_view duration = schedule.substr(7);
      if (is_go_duration(duration)) return {};
      return fmt::format("\"{}\" is not a duration such as 90s, 15m or 1h30m", duration);
    }
    return fmt::format(
        "\"{}\" is not one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or "
        "@every DURATION (they are written in lower case)",
        schedule);
  }
  const std::vector<std::string_view> fields = fields_of(schedule);
  if (fields.empty()) return "it is empty";
  if (fields.size() != kFields.size()) {
    std::string hint;
    if (fields.size() == 6) hint = ": there is no seconds or year field";
    return fmt::format("it has {} field{}, not the 5 of minute, hour, day of month, month and day of week{}",
                       fields.size(), fields.size() == 1 ? "" : "s", hint);
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    for (std::string_view item : split(fields[i], ',')) {
      if (std::string problem = item_problem(item, kFields[i]); !problem.empty()) return problem;
    }
  }
  return {};
}

std::string time_zone_problem(std::string_view zone) {
  if (zone.empty()) return "it is empty: leave timeZone out for the controller's own time zone";
  if (lower(zone) == "local") return "it must name a time zone, not the controller's local one";
  for (std::string_view part : split(zone, '/')) {
    const bool chars_ok =
        !part.empty() && part.size() <= 14 && std::all_of(part.begin(), part.end(), [](char c) {
          return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                 c == '-' || c == '_' || c == '+';
        });
    if (!chars_ok || part == "." || part == ".." || part.starts_with('-'))
      return "it is not an IANA time zone name such as Etc/UTC or Europe/Paris";
  }
  if (std::find(std::begin(kTimeZones), std::end(kTimeZones), zone) == std::end(kTimeZones))
    return "the IANA time zone database has no such zone" + text::did_you_mean(zone, kTimeZones);
  return {};
}

}  // namespace podlint::rules
