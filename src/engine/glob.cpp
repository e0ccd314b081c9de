#include "engine/glob.hpp"

#include <fnmatch.h>

#include <span>
#include <string>
#include <vector>

namespace podlint {

namespace {

std::vector<std::string> segments(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('/', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view segment = text.substr(start, end - start);
    if (!segment.empty() && segment != ".") out.emplace_back(segment);
    start = end + 1;
  }
  return out;
}

bool match(std::span<const std::string> glob, std::span<const std::string> path) {
  if (glob.empty()) return path.empty();
  if (glob.front() == "**") {
    for (size_t skipped = 0; skipped <= path.size(); ++skipped) {
      if (match(glob.subspan(1), path.subspan(skipped))) return true;
    }
    return false;
  }
  return !path.empty() && fnmatch(glob.front().c_str(), path.front().c_str(), 0) == 0 &&
         match(glob.subspan(1), path.subspan(1));
}

}  // namespace

bool glob_matches(std::string_view glob, std::string_view path) {
  std::vector<std::string> pattern = segments(glob);
  if (pattern.empty()) return false;
  // A trailing "**" lets the glob match any directory above the path too.
  if (pattern.back() != "**") pattern.emplace_back("**");
  return match(pattern, segments(path));
}

}  // namespace podlint
