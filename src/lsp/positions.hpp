// Positions as the Language Server Protocol counts them (0-based lines, and
// characters in UTF-16 code units or, when the client agrees to it, in UTF-8
// bytes), against podlint's (byte offsets, 1-based lines and byte columns).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "yaml/source.hpp"

namespace podlint::lsp {

enum class Encoding { Utf16, Utf8 };

// A buffer's lines, for converting positions both ways. The text may be a
// part of a buffer that starts on line `first_line` of it: podlint's
// positions then count in the part, LSP's in the buffer.
class Lines {
 public:
  explicit Lines(std::string_view text, uint32_t first_line = 1)
      : text_(text), index_(text), lines_before_(first_line - 1) {}

  // The byte offset of an LSP position; a character past the end of its line
  // means the end of the line, a line past the last one the end of the text.
  uint32_t offset(uint32_t line, uint32_t character, Encoding encoding) const;
  uint32_t offset(const nlohmann::json& position, Encoding encoding) const;
  // The LSP position of a podlint position of this text.
  nlohmann::json position(const yaml::Position& p, Encoding encoding) const;
  nlohmann::json range(const yaml::Span& span, Encoding encoding) const;
  yaml::Position at(uint32_t offset) const { return index_.position(offset); }
  // A 1-based line's text, without its line break.
  std::string_view line_text(uint32_t line) const { return index_.line_text(line); }
  uint32_t line_count() const { return index_.line_count(); }

 private:
  std::string_view text_;
  yaml::LineIndex index_;
  uint32_t lines_before_;
};

}  // namespace podlint::lsp
