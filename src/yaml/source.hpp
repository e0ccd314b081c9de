// Positions in source text. Every node, key, comment and error carries a Span.
#pragma once

#include <cstddef>
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

// The UTF-8 sequence at byte `i` of `text`: its code point and length in
// bytes, or length 0 when the bytes there are not valid UTF-8 (a stray or
// cut-short sequence, an overlong form, a surrogate, beyond U+10FFFF).
struct Utf8Char {
  uint32_t code_point = 0;
  size_t length = 0;
};

inline Utf8Char decode_utf8(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return {c, 1};
  Utf8Char decoded;
  if (c >= 0xC2 && c <= 0xDF) {
    decoded = {c & 0x1Fu, 2};
  } else if (c >= 0xE0 && c <= 0xEF) {
    decoded = {c & 0x0Fu, 3};
  } else if (c >= 0xF0 && c <= 0xF4) {
    decoded = {c & 0x07u, 4};
  } else {
    return {};
  }
  if (i + decoded.length > text.size()) return {};
  for (size_t k = 1; k < decoded.length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {};
    decoded.code_point = (decoded.code_point << 6) | (byte(i + k) & 0x3Fu);
  }
  const uint32_t cp = decoded.code_point;
  const bool overlong = (decoded.length == 3 && cp < 0x800) || (decoded.length == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
  return decoded;
}

// The 0-based UTF-16 code unit offset of a 1-based byte column on a line, as
// the Language Server Protocol counts characters. Invalid UTF-8 bytes count
// as one unit each.
uint32_t utf16_column(std::string_view line_text, uint32_t byte_column);

}  // namespace podlint::yaml
