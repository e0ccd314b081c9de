// Positions in source text. Every node, key, comment and error carries a Span.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace podlint::yaml {

// A place in the input. `line` and `column` are 1-based; `column` counts bytes
// from the start of the line (emitters convert to UTF-16 for LSP and SARIF).
struct Position {
  uint32_t offset = 0;
  uint32_t line = 1;
  uint32_t column = 1;

  friend bool operator==(const Position&, const Position&) = default;
};

// A half-open byte range [begin, end).
struct Span {
  Position begin;
  Position end;

  friend bool operator==(const Span&, const Span&) = default;
};

// Line starts of a text, for turning offsets into positions and back to lines.
// A leading UTF-8 byte order mark is not part of line 1 (as in the parser).
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  Position position(uint32_t offset) const;
  // The text of a 1-based line, without its line break.
  std::string_view line_text(uint32_t line) const;
  uint32_t line_count() const { return static_cast<uint32_t>(starts_.size()); }

 private:
  std::string_view text_;
  std::vector<uint32_t> starts_;
};

// The 0-based UTF-16 code unit offset of a 1-based byte column on a line, as
// the Language Server Protocol counts characters. Invalid UTF-8 bytes count
// as one unit each.
uint32_t utf16_column(std::string_view line_text, uint32_t byte_column);

}  // namespace podlint::yaml
