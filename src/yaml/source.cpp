#include "yaml/source.hpp"

#include <algorithm>

namespace podlint::yaml {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  // A byte order mark is not part of line 1: editors do not show it.
  const uint32_t first = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  starts_.push_back(first);
  for (uint32_t i = first; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      starts_.push_back(i + 1);
    } else if (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')) {
      starts_.push_back(i + 1);
    }
  }
}

Position LineIndex::position(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  if (it == starts_.begin()) return Position{offset, 1, 1};  // inside the byte order mark
  const auto line = static_cast<uint32_t>(it - starts_.begin());
  return Position{offset, line, offset - starts_[line - 1] + 1};
}

std::string_view LineIndex::line_text(uint32_t line) const {
  if (line == 0 || line > starts_.size()) return {};
  const uint32_t begin = starts_[line - 1];
  uint32_t end = line < starts_.size() ? starts_[line] : static_cast<uint32_t>(text_.size());
  while (end > begin && (text_[end - 1] == '\n' || text_[end - 1] == '\r'))
    --end;
  return text_.substr(begin, end - begin);
}

uint32_t utf16_column(std::string_view line_text, uint32_t byte_column) {
  const size_t limit = std::min<size_t>(byte_column > 0 ? byte_column - 1 : 0, line_text.size());
  uint32_t units = 0;
  size_t i = 0;
  while (i < limit) {
    const Utf8Char c = decode_utf8(line_text, i);
    units += c.code_point > 0xFFFF ? 2 : 1;
    i += c.length == 0 ? 1 : c.length;
  }
  return units;
}

}  // namespace podlint::yaml
